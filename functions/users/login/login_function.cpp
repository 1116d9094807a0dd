// users-login: POST /auth/login, the OAuth2 password form.
// Only the glue between the runtime and functions/users/lib lives here.
#include "kfn/function.h"
#include "lib/login_handler.h"
#include "lib/login_request.h"

namespace {

kfn::Function make(kfn::Setup& setup) {
  // One Argon2id hash now, so the first unknown-account login is not faster than the rest.
  users::LoginSettings settings = users::make_login_settings(setup.config());
  return kfn::Function::http(
      [settings = std::move(settings)](kfn::HttpRequest const& req, kfn::Context& ctx) {
        auto attempt = users::login_from_form(req.body);
        if (auto* errors = std::get_if<common::FieldErrors>(&attempt)) return errors->response();
        return users::handle_login(std::get<users::LoginAttempt>(attempt), req, ctx, settings);
      });
}

}  // namespace

extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
  static constexpr kfn::Entry entry{kfn::kAbiVersion, &make};
  return &entry;
}

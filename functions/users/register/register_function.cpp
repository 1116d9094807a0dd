// users-register: POST /auth/register.
// Only the glue between the runtime and functions/users/lib lives here.
#include "kfn/function.h"
#include "lib/passwords.h"
#include "lib/register_handler.h"

namespace {

kfn::Function make(kfn::Setup& setup) {
  users::Argon2Params const params = users::argon2_params(setup.config());
  return kfn::Function::http([params](kfn::HttpRequest const& req, kfn::Context& ctx) {
    return users::handle_register(req, ctx, params);
  });
}

}  // namespace

extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
  static constexpr kfn::Entry entry{kfn::kAbiVersion, &make};
  return &entry;
}

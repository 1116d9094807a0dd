// users-refresh: POST /auth/refresh.
// Only the glue between the runtime and functions/users/lib lives here.
#include "kfn/function.h"
#include "lib/refresh_handler.h"
#include "lib/sessions.h"

namespace {

kfn::Function make(kfn::Setup& setup) {
  std::chrono::seconds const ttl = users::refresh_ttl(setup.config());
  return kfn::Function::http(
      [ttl](kfn::HttpRequest const& req, kfn::Context& ctx) { return users::handle_refresh(req, ctx, ttl); });
}

}  // namespace

extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
  static constexpr kfn::Entry entry{kfn::kAbiVersion, &make};
  return &entry;
}

// social-users-projection: user.events -> the social context's users table.
// Only the glue between the runtime and functions/social/lib lives here.
#include "kfn/function.h"
#include "lib/users_projection.h"

namespace {

kfn::Function make(kfn::Setup& /*setup*/) { return kfn::Function::event(&social::handle_user_event); }

}  // namespace

extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
  static constexpr kfn::Entry entry{kfn::kAbiVersion, &make};
  return &entry;
}

// chat-users-projection: user.events -> public profiles of members.
// Only the glue between the runtime and functions/chat/lib lives here.
#include "kfn/function.h"
#include "lib/users_projection.h"

namespace {

kfn::Function make(kfn::Setup& /*setup*/) { return kfn::Function::event(&chat::handle_user_event); }

}  // namespace

extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
  static constexpr kfn::Entry entry{kfn::kAbiVersion, &make};
  return &entry;
}

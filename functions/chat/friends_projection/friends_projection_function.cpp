// chat-friends-projection: friend.events -> friendships, blocks, direct rooms.
// Only the glue between the runtime and functions/chat/lib lives here.
#include "kfn/function.h"
#include "lib/friends_projection.h"

namespace {

kfn::Function make(kfn::Setup& /*setup*/) { return kfn::Function::event(&chat::handle_friend_event); }

}  // namespace

extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
  static constexpr kfn::Entry entry{kfn::kAbiVersion, &make};
  return &entry;
}

// users-blocks-projection: friend.events -> the users context's user_blocks table.
// Only the glue between the runtime and functions/users/lib lives here.
#include "kfn/function.h"
#include "lib/blocks_projection.h"

namespace {

kfn::Function make(kfn::Setup& /*setup*/) { return kfn::Function::event(&users::handle_friend_event); }

}  // namespace

extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
  static constexpr kfn::Entry entry{kfn::kAbiVersion, &make};
  return &entry;
}

// chat-members-add: POST /chat/rooms/{room_id}/members.
// Only the glue between the runtime and functions/chat/lib lives here.
#include "kfn/function.h"
#include "lib/member_handlers.h"

namespace {

kfn::Function make(kfn::Setup& /*setup*/) { return kfn::Function::http(&chat::handle_add_members); }

}  // namespace

extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
  static constexpr kfn::Entry entry{kfn::kAbiVersion, &make};
  return &entry;
}

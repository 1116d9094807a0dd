// chat-message-edit: PATCH /messages/{room_id}/{message_id}.
// Only the glue between the runtime and functions/chat/lib lives here.
#include "kfn/function.h"
#include "lib/message_change_handlers.h"

namespace {

kfn::Function make(kfn::Setup& /*setup*/) { return kfn::Function::http(&chat::handle_edit_message); }

}  // namespace

extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
  static constexpr kfn::Entry entry{kfn::kAbiVersion, &make};
  return &entry;
}

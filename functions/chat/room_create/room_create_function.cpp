// chat-room-create: POST /chat/rooms.
// Only the glue between the runtime and functions/chat/lib lives here.
#include "kfn/function.h"
#include "lib/room_handlers.h"

namespace {

kfn::Function make(kfn::Setup& /*setup*/) { return kfn::Function::http(&chat::handle_create_room); }

}  // namespace

extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
  static constexpr kfn::Entry entry{kfn::kAbiVersion, &make};
  return &entry;
}

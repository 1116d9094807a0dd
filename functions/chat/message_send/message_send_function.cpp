// chat-message-send: POST /messages/{room_id}.
// Only the glue between the runtime and functions/chat/lib lives here.
#include <memory>

#include "kfn/function.h"
#include "lib/message_batch.h"
#include "lib/send_message_handler.h"

namespace {

kfn::Function make(kfn::Setup& /*setup*/) {
  auto batcher = std::make_shared<chat::SendBatcher>(&chat::store_messages);
  return kfn::Function::http([batcher](kfn::HttpRequest const& req, kfn::Context& ctx) {
    return chat::handle_send_message(req, ctx, *batcher);
  });
}

}  // namespace

extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
  static constexpr kfn::Entry entry{kfn::kAbiVersion, &make};
  return &entry;
}

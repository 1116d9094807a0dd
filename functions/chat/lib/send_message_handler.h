// POST /messages/{room_id}: the hot path. Validates the request, then stores the message through the
// batcher: concurrent sends share one transaction (see message_batch.h). Each takes the next seq of
// its room under the room's row lock, with its MessageSent event in the same commit. A repeated
// client_message_id answers the first message with 200.
#pragma once

#include "kfn/context.h"
#include "kfn/http.h"
#include "lib/send_batcher.h"

namespace chat {

// `batcher` stores the messages: one per loaded function, running store_messages (message_batch.h).
kfn::HttpResponse handle_send_message(kfn::HttpRequest const& req, kfn::Context& ctx, SendBatcher& batcher);

}  // namespace chat

// POST /messages/{room_id}: the hot path. One transaction: lock the room row (membership, block
// state, seq and member list in one lookup), take the next seq, insert the message and its
// MessageSent event. A repeated client_message_id answers the first message with 200.
#pragma once

#include "kfn/context.h"
#include "kfn/http.h"

namespace chat {

kfn::HttpResponse handle_send_message(kfn::HttpRequest const& req, kfn::Context& ctx);

}  // namespace chat

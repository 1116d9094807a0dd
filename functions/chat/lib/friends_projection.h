// chat-friends-projection, on friend.events: keeps the chat context's view of friendships and
// blocks, and makes the pair's direct room when a friend request is accepted. Each event's effect
// commits with its id in kfn_processed_events, so redelivery changes nothing.
#pragma once

#include "kfn/context.h"
#include "kfn/event.h"

namespace chat {

kfn::EventResult handle_friend_event(kfn::CloudEvent const& event, kfn::Context& ctx);

}  // namespace chat

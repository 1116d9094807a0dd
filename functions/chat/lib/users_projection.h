// chat-users-projection, on user.events: keeps the public profiles room members are shown with.
// Each event's effect commits with its id in kfn_processed_events, so redelivery changes nothing.
#pragma once

#include "kfn/context.h"
#include "kfn/event.h"

namespace chat {

kfn::EventResult handle_user_event(kfn::CloudEvent const& event, kfn::Context& ctx);

}  // namespace chat

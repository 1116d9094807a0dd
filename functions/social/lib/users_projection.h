// social-users-projection: keeps the social context's users table in step with user.events
// (UserRegistered, UserProfileUpdated). Each event is applied once: its id is recorded in the same
// transaction as its upsert.
#pragma once

#include "kfn/context.h"
#include "kfn/event.h"

namespace social {

kfn::EventResult handle_user_event(kfn::CloudEvent const& event, kfn::Context& ctx);

}  // namespace social

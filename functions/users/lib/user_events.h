// The facts the users context publishes on `user.events`, keyed by user id (API.md, Kafka topics).
#pragma once

#include "kfn/event.h"
#include "lib/account.h"

namespace users {

inline constexpr char kUserEventsTopic[] = "user.events";

// UserRegistered: {user_id, email, username, display_name, created_at}.
kfn::DomainEvent user_registered(Account const& account);

// UserProfileUpdated: {user_id, display_name, status_message, avatar_url, updated_at}.
kfn::DomainEvent user_profile_updated(Account const& account);

}  // namespace users

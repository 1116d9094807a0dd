// The facts the social context publishes on friend.events, keyed by the actor's user id, with the
// data docs/events.md gives each (PublicUserSnapshot = public_user_json). Times are RFC 3339.
#pragma once

#include <cstdint>
#include <string>

#include "kfn/event.h"
#include "lib/social_user.h"

namespace social {

inline constexpr char kFriendEventsTopic[] = "friend.events";

kfn::DomainEvent friend_request_sent(SocialUser const& requester, std::int64_t target_id,
                                     std::string const& created_at);
// The target (the actor) accepted the requester's request; created_at is when they became friends.
kfn::DomainEvent friend_request_accepted(SocialUser const& requester, SocialUser const& target,
                                         std::string const& created_at);
kfn::DomainEvent friend_request_rejected(std::int64_t requester_id, SocialUser const& target);
kfn::DomainEvent friend_request_cancelled(SocialUser const& requester, std::int64_t target_id);
kfn::DomainEvent friend_removed(SocialUser const& user, std::int64_t friend_id);
kfn::DomainEvent user_blocked(std::int64_t blocker_id, std::int64_t blocked_id);
kfn::DomainEvent user_unblocked(std::int64_t blocker_id, std::int64_t blocked_id);

}  // namespace social

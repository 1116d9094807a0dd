#include "lib/friend_events.h"

#include <utility>

namespace social {
namespace {

kfn::DomainEvent event(std::int64_t actor_id, char const* type, nlohmann::json data) {
  data["user_id"] = actor_id;
  return {kFriendEventsTopic, std::to_string(actor_id), type, std::move(data)};
}

}  // namespace

kfn::DomainEvent friend_request_sent(SocialUser const& requester, std::int64_t target_id,
                                     std::string const& created_at) {
  return event(requester.id, "FriendRequestSent",
               {{"requester_id", requester.id},
                {"target_user_id", target_id},
                {"requester", public_user_json(requester)},
                {"created_at", created_at}});
}

kfn::DomainEvent friend_request_accepted(SocialUser const& requester, SocialUser const& target,
                                         std::string const& created_at) {
  return event(target.id, "FriendRequestAccepted",
               {{"requester_id", requester.id},
                {"target_user_id", target.id},
                {"requester", public_user_json(requester)},
                {"target", public_user_json(target)},
                {"created_at", created_at}});
}

kfn::DomainEvent friend_request_rejected(std::int64_t requester_id, SocialUser const& target) {
  return event(
      target.id, "FriendRequestRejected",
      {{"requester_id", requester_id}, {"target_user_id", target.id}, {"target", public_user_json(target)}});
}

kfn::DomainEvent friend_request_cancelled(SocialUser const& requester, std::int64_t target_id) {
  return event(requester.id, "FriendRequestCancelled",
               {{"requester_id", requester.id},
                {"target_user_id", target_id},
                {"requester", public_user_json(requester)}});
}

kfn::DomainEvent friend_removed(SocialUser const& user, std::int64_t friend_id) {
  return event(user.id, "FriendRemoved", {{"friend_id", friend_id}, {"user", public_user_json(user)}});
}

kfn::DomainEvent user_blocked(std::int64_t blocker_id, std::int64_t blocked_id) {
  return event(blocker_id, "UserBlocked", {{"blocked_id", blocked_id}});
}

kfn::DomainEvent user_unblocked(std::int64_t blocker_id, std::int64_t blocked_id) {
  return event(blocker_id, "UserUnblocked", {{"blocked_id", blocked_id}});
}

}  // namespace social

// friend.events -> friend.* deliveries: the other party of each change hears of it, with the
// PublicUser of the one who acted.
#include <array>

#include "lib/deliveries.h"
#include "lib/event_reader.h"

namespace notify {
namespace {

struct FriendRoute {
  std::string_view type;
  std::string_view recipient_field;  // the id of who is told
  std::string_view user_field;       // the snapshot of who they are told about
  std::string_view event;
};

constexpr std::array<FriendRoute, 5> kFriendRoutes{{
    {"FriendRequestSent", "target_user_id", "requester", "friend.request_received"},
    {"FriendRequestAccepted", "requester_id", "target", "friend.request_accepted"},
    {"FriendRequestRejected", "requester_id", "target", "friend.request_rejected"},
    {"FriendRequestCancelled", "target_user_id", "requester", "friend.request_cancelled"},
    {"FriendRemoved", "friend_id", "user", "friend.removed"},
}};

}  // namespace

DeliveryPlan plan_friend_deliveries(std::string_view type, nlohmann::json const& data) {
  for (auto const& route : kFriendRoutes) {
    if (route.type != type) continue;
    EventReader in(data);
    std::int64_t const recipient = in.id(route.recipient_field);
    nlohmann::json user = in.public_user(route.user_field);
    if (!in.ok()) return Malformed{in.problem()};
    return std::vector<Delivery>{{recipient, std::string(route.event), {{"user", std::move(user)}}}};
  }
  return std::vector<Delivery>{};
}

}  // namespace notify

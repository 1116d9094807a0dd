#include "lib/projections.h"

#include "lib/event_reader.h"

namespace notify {

std::variant<std::optional<FriendshipChange>, Malformed> friendship_change(std::string_view type,
                                                                           nlohmann::json const& data) {
  EventReader in(data);
  FriendshipChange change;
  if (type == "FriendRequestAccepted") {
    change = {in.id("requester_id"), in.id("target_user_id"), true};
  } else if (type == "FriendRemoved") {
    change = {in.id("user_id"), in.id("friend_id"), false};
  } else if (type == "UserBlocked") {
    change = {in.id("user_id"), in.id("blocked_id"), false};
  } else {
    return std::nullopt;
  }
  if (!in.ok()) return Malformed{in.problem()};
  return change;
}

std::variant<std::optional<PresenceChange>, Malformed> presence_change(std::string_view type,
                                                                       nlohmann::json const& data) {
  if (type != "UserOnlineStatusChanged") return std::nullopt;
  EventReader in(data);
  PresenceChange change{in.id("user_id"), in.boolean("online"), in.optional_time("last_seen_at")};
  if (!in.ok()) return Malformed{in.problem()};
  return change;
}

}  // namespace notify

// What friend.events and user.online_status change in the notify context's projections (its own
// copies of who is friends with whom, and who is online). Pure: projection_store.h writes them.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <variant>

#include "lib/delivery.h"

namespace notify {

struct FriendshipChange {
  std::int64_t user_id = 0;
  std::int64_t other_id = 0;
  bool are_friends = false;
};

struct PresenceChange {
  std::int64_t user_id = 0;
  bool online = false;
  nlohmann::json last_seen_at;  // RFC 3339 string or null
};

// Accepted requests make friends; unfriending and blocking end it. nullopt for other types.
std::variant<std::optional<FriendshipChange>, Malformed> friendship_change(std::string_view type,
                                                                           nlohmann::json const& data);

// UserOnlineStatusChanged's new state; nullopt for other types.
std::variant<std::optional<PresenceChange>, Malformed> presence_change(std::string_view type,
                                                                       nlohmann::json const& data);

}  // namespace notify

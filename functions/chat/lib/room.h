// API.md's Room object as one member sees it: members, the newest message and that member's unread
// count.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "lib/message.h"
#include "lib/public_user.h"

namespace chat {

inline constexpr char kDirectRoom[] = "direct";
inline constexpr char kGroupRoom[] = "group";

struct Room {
  std::int64_t id = 0;
  std::string type;                 // kDirectRoom or kGroupRoom
  std::optional<std::string> name;  // groups only
  std::string created_at;           // MySQL DATETIME(3) text, UTC
  std::vector<PublicUser> members;  // in join order
  std::optional<Message> last_message;
  std::int64_t unread_count = 0;
};

// {id, type, name, members: [PublicUser], created_at, last_message: Message|null, unread_count}.
nlohmann::json room_json(Room const& room);

}  // namespace chat

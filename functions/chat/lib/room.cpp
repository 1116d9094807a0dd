#include "lib/room.h"

#include "kfn/time.h"
#include "lib/json_values.h"

namespace chat {

nlohmann::json room_json(Room const& room) {
  auto members = nlohmann::json::array();
  for (auto const& member : room.members) members.push_back(public_user_json(member));
  return {
      {"id", room.id},
      {"type", room.type},
      {"name", nullable(room.name)},
      {"members", std::move(members)},
      {"created_at", kfn::rfc3339_from_sql(room.created_at)},
      {"last_message", room.last_message ? message_json(*room.last_message) : nlohmann::json(nullptr)},
      {"unread_count", room.unread_count},
  };
}

}  // namespace chat

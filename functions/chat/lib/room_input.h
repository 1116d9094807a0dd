// The rules a room request must meet (API.md, POST /chat/rooms and POST /chat/rooms/{id}/members),
// as pure functions over the request body.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>
#include <vector>

#include "common/json_fields.h"

namespace chat {

inline constexpr std::size_t kRoomNameMaxLength = 50;
inline constexpr std::size_t kMaxGroupMembers = 100;  // the caller included

struct DirectRoomRequest {
  std::int64_t user_id = 0;
};

struct GroupRoomRequest {
  std::string name;
  std::vector<std::int64_t> member_ids;  // distinct, without the caller
};

using RoomRequest = std::variant<DirectRoomRequest, GroupRoomRequest, common::FieldErrors>;

// {"type":"direct","user_id"} (not the caller) or {"type":"group","name" 1-50 one-line characters,
// "member_ids": [...]} with at most kMaxGroupMembers members counting the caller.
RoomRequest validate_room_request(nlohmann::json const& body, std::int64_t caller);

// {"user_ids": [...]}: 1-100 distinct ids.
std::variant<std::vector<std::int64_t>, common::FieldErrors> validate_new_members(nlohmann::json const& body);

}  // namespace chat

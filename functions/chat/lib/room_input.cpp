#include "lib/room_input.h"

#include <algorithm>

#include "common/utf8.h"

namespace chat {
namespace {

RoomRequest validate_direct(nlohmann::json const& body, std::int64_t caller) {
  common::FieldErrors errors;
  auto const user_id = common::required_id(body, "user_id", errors);
  if (user_id && *user_id == caller) errors.add("user_id", "must be another user");
  if (!errors.empty()) return errors;
  return DirectRoomRequest{*user_id};
}

RoomRequest validate_group(nlohmann::json const& body, std::int64_t caller) {
  common::FieldErrors errors;
  auto name = common::required_string(body, "name", {1, kRoomNameMaxLength}, errors);
  if (name && common::has_control_characters(*name)) errors.add("name", "must be one line of text");
  // Read one more than can fit, so "too many" is reported rather than cut short.
  auto members = common::required_id_list(body, "member_ids", kMaxGroupMembers + 1, errors);
  if (members) {
    members->erase(std::remove(members->begin(), members->end(), caller), members->end());
    if (members->size() + 1 > kMaxGroupMembers) {
      errors.add("member_ids", "a group has at most " + std::to_string(kMaxGroupMembers) + " members");
    }
  }
  if (!errors.empty()) return errors;
  return GroupRoomRequest{std::move(*name), std::move(*members)};
}

}  // namespace

RoomRequest validate_room_request(nlohmann::json const& body, std::int64_t caller) {
  auto const type = body.find("type");
  if (type != body.end() && *type == "direct") return validate_direct(body, caller);
  if (type != body.end() && *type == "group") return validate_group(body, caller);
  common::FieldErrors errors;
  errors.add("type", "must be \"direct\" or \"group\"");
  return errors;
}

std::variant<std::vector<std::int64_t>, common::FieldErrors> validate_new_members(
    nlohmann::json const& body) {
  common::FieldErrors errors;
  auto ids = common::required_id_list(body, "user_ids", kMaxGroupMembers, errors);
  if (ids && ids->empty()) errors.add("user_ids", "must not be empty");
  if (!errors.empty()) return errors;
  return std::move(*ids);
}

}  // namespace chat

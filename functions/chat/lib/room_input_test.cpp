#include "lib/room_input.h"

#include <catch2/catch.hpp>

using nlohmann::json;

namespace {

common::FieldErrors errors_of(chat::RoomRequest const& result) {
  REQUIRE(std::holds_alternative<common::FieldErrors>(result));
  return std::get<common::FieldErrors>(result);
}

json ids(std::int64_t from, std::int64_t count) {
  auto list = json::array();
  for (std::int64_t i = 0; i < count; ++i) list.push_back(from + i);
  return list;
}

}  // namespace

TEST_CASE("a direct room names one other user", "[room-input]") {
  auto result = chat::validate_room_request(json{{"type", "direct"}, {"user_id", 9}}, 1);
  REQUIRE(std::holds_alternative<chat::DirectRoomRequest>(result));
  CHECK(std::get<chat::DirectRoomRequest>(result).user_id == 9);
  CHECK(errors_of(chat::validate_room_request(json{{"type", "direct"}, {"user_id", 1}}, 1)).has("user_id"));
  CHECK(errors_of(chat::validate_room_request(json{{"type", "direct"}}, 1)).has("user_id"));
  CHECK(errors_of(chat::validate_room_request(json{{"type", "direct"}, {"user_id", "9"}}, 1)).has("user_id"));
}

TEST_CASE("a room request must say direct or group", "[room-input]") {
  CHECK(errors_of(chat::validate_room_request(json::object(), 1)).has("type"));
  CHECK(errors_of(chat::validate_room_request(json{{"type", "channel"}}, 1)).has("type"));
}

TEST_CASE("a group has a one-line name of 1 to 50 characters", "[room-input]") {
  auto ok = chat::validate_room_request(json{{"type", "group"}, {"name", "Team"}, {"member_ids", {2, 3}}}, 1);
  REQUIRE(std::holds_alternative<chat::GroupRoomRequest>(ok));
  CHECK(std::get<chat::GroupRoomRequest>(ok).name == "Team");
  for (json const& name : {json(""), json(std::string(51, 'n')), json("two\nlines"), json(nullptr)}) {
    CHECK(errors_of(
              chat::validate_room_request(json{{"type", "group"}, {"name", name}, {"member_ids", {2}}}, 1))
              .has("name"));
  }
}

TEST_CASE("group members are distinct, without the caller, and at most 100 with the caller", "[room-input]") {
  auto ok =
      chat::validate_room_request(json{{"type", "group"}, {"name", "g"}, {"member_ids", {2, 1, 2, 3}}}, 1);
  CHECK(std::get<chat::GroupRoomRequest>(ok).member_ids == std::vector<std::int64_t>{2, 3});

  auto ninety_nine = json{{"type", "group"}, {"name", "g"}, {"member_ids", ids(2, 99)}};
  CHECK(std::holds_alternative<chat::GroupRoomRequest>(chat::validate_room_request(ninety_nine, 1)));
  auto hundred = json{{"type", "group"}, {"name", "g"}, {"member_ids", ids(2, 100)}};
  CHECK(errors_of(chat::validate_room_request(hundred, 1)).has("member_ids"));
  auto hundred_with_caller = json{{"type", "group"}, {"name", "g"}, {"member_ids", ids(1, 100)}};
  CHECK(std::holds_alternative<chat::GroupRoomRequest>(chat::validate_room_request(hundred_with_caller, 1)));
  CHECK(errors_of(chat::validate_room_request(json{{"type", "group"}, {"name", "g"}, {"member_ids", {0}}}, 1))
            .has("member_ids"));
}

TEST_CASE("added members are 1 to 100 ids", "[room-input]") {
  auto ok = chat::validate_new_members(json{{"user_ids", {5, 5, 6}}});
  CHECK(std::get<std::vector<std::int64_t>>(ok) == std::vector<std::int64_t>{5, 6});
  CHECK(std::holds_alternative<common::FieldErrors>(
      chat::validate_new_members(json{{"user_ids", json::array()}})));
  CHECK(std::holds_alternative<common::FieldErrors>(
      chat::validate_new_members(json{{"user_ids", ids(1, 101)}})));
  CHECK(std::holds_alternative<common::FieldErrors>(chat::validate_new_members(json::object())));
}

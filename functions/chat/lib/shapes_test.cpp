// The JSON shapes the chat context answers and publishes, field by field (API.md objects,
// docs/events.md).
#include <catch2/catch.hpp>
#include <set>

#include "lib/chat_events.h"
#include "lib/message.h"
#include "lib/public_user.h"
#include "lib/room.h"

using nlohmann::json;

namespace {

chat::Message sample_message() {
  chat::Message message;
  message.id = 11;
  message.room_id = 3;
  message.seq = 2;
  message.user_id = 7;
  message.content = "hello";
  message.client_message_id = "c-1";
  message.created_at = "2026-11-21 12:00:00.123";
  return message;
}

std::set<std::string> keys_of(json const& object) {
  std::set<std::string> keys;
  for (auto const& item : object.items()) keys.insert(item.key());
  return keys;
}

}  // namespace

TEST_CASE("Message JSON has exactly API.md's fields with RFC 3339 times", "[shapes]") {
  auto const body = chat::message_json(sample_message());
  CHECK(keys_of(body) == std::set<std::string>{"id", "room_id", "seq", "user_id", "content", "message_type",
                                               "client_message_id", "created_at", "edited_at", "deleted"});
  CHECK(body["created_at"] == "2026-11-21T12:00:00.123Z");
  CHECK(body["edited_at"].is_null());
  CHECK(body["deleted"] == false);
  CHECK(body["message_type"] == "text");
  CHECK(body["client_message_id"] == "c-1");
}

TEST_CASE("PublicUser JSON has no presence fields and nulls what is unknown", "[shapes]") {
  auto const body = chat::public_user_json(chat::PublicUser{5, "ann", "Ann", std::nullopt, std::nullopt});
  CHECK(keys_of(body) ==
        std::set<std::string>{"id", "username", "display_name", "status_message", "avatar_url"});
  CHECK(body["status_message"].is_null());
}

TEST_CASE("Room JSON carries members, the last message and the unread count", "[shapes]") {
  chat::Room room;
  room.id = 3;
  room.type = chat::kDirectRoom;
  room.created_at = "2026-11-21 11:00:00.000";
  room.members = {chat::PublicUser{7, "ann", "Ann", {}, {}}, chat::PublicUser{8, {}, {}, {}, {}}};
  room.unread_count = 4;
  auto body = chat::room_json(room);
  CHECK(keys_of(body) ==
        std::set<std::string>{"id", "type", "name", "members", "created_at", "last_message", "unread_count"});
  CHECK(body["name"].is_null());
  CHECK(body["last_message"].is_null());
  CHECK(body["members"].size() == 2);
  CHECK(body["members"][1]["username"].is_null());
  room.last_message = sample_message();
  CHECK(chat::room_json(room)["last_message"]["seq"] == 2);
}

TEST_CASE("MessageSent is keyed by room and carries member ids and the whole message", "[shapes]") {
  auto const event = chat::message_sent(sample_message(), {7, 8});
  CHECK(event.topic == "message.events");
  CHECK(event.key == "3");
  CHECK(event.type == "MessageSent");
  CHECK(event.data["member_ids"] == json{7, 8});
  CHECK(event.data["message_id"] == 11);
  CHECK(event.data["seq"] == 2);
  CHECK(event.data["user_id"] == 7);
  CHECK(event.data["message"] == chat::message_json(sample_message()));
}

TEST_CASE("MessageDeleted and MessageRead carry ids, not content", "[shapes]") {
  auto const deleted = chat::message_deleted(sample_message(), {7});
  CHECK(keys_of(deleted.data) ==
        std::set<std::string>{"room_id", "message_id", "seq", "user_id", "member_ids"});
  auto const read = chat::message_read(3, 8, 2, {7, 8});
  CHECK(read.type == "MessageRead");
  CHECK(read.key == "3");
  CHECK(keys_of(read.data) == std::set<std::string>{"room_id", "user_id", "seq", "member_ids"});
}

TEST_CASE("RoomCreated, MemberJoined and MemberLeft go to chat.events keyed by room", "[shapes]") {
  chat::Room room;
  room.id = 9;
  room.type = chat::kGroupRoom;
  room.name = "Team";
  room.created_at = "2026-11-21 11:00:00.000";
  room.members = {chat::PublicUser{7, "ann", "Ann", {}, {}}, chat::PublicUser{8, "bob", "Bob", {}, {}}};
  auto const created = chat::room_created(room, 7);
  CHECK(created.topic == "chat.events");
  CHECK(created.key == "9");
  CHECK(keys_of(created.data) == std::set<std::string>{"room_id", "room_type", "name", "created_by",
                                                       "member_ids", "room", "created_at"});
  CHECK(created.data["member_ids"] == json{7, 8});
  CHECK(created.data["room"]["name"] == "Team");

  auto const joined = chat::member_joined(9, room.members[1], 7, {7, 8});
  CHECK(joined.type == "MemberJoined");
  CHECK(joined.data["added_by"] == 7);
  CHECK(joined.data["user"]["username"] == "bob");
  auto const left = chat::member_left(9, room.members[1], {7});
  CHECK(left.type == "MemberLeft");
  CHECK(left.data["member_ids"] == json{7});
}

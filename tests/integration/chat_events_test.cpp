// What the chat context publishes: chat.events and message.events keyed by room id, with the data
// docs/events.md lists (member ids, the full Message).
#include <catch2/catch.hpp>

#include "chat_test_support.h"
#include "kafka_reader.h"
#include "runner_process.h"

using namespace chat_test;
using kfn::test::body_of;
using kfn::test::ConsumedRecord;
using kfn::test::register_and_login;
using kfn::test::shared_runner;

namespace {

std::optional<json> find_event(
    kfn::test::KafkaReader& reader, std::int64_t room_id, std::string const& type,
    std::function<bool(json const&)> const& match = [](json const&) { return true; }) {
  auto const record = reader.find([&](ConsumedRecord const& r) {
    return r.key == std::to_string(room_id) && r.headers.count("ce_type") &&
           r.headers.at("ce_type") == type && match(json::parse(r.value));
  });
  if (!record) return std::nullopt;
  CHECK(record->headers.at("ce_subject") == std::to_string(room_id));
  CHECK(record->headers.at("content-type") == "application/json");
  return json::parse(record->value);
}

}  // namespace

TEST_CASE("room and message facts reach chat.events and message.events keyed by room") {
  auto& runner = shared_runner();
  auto client = runner.client();
  auto ann = register_and_login(*client, "ea");
  auto bob = register_and_login(*client, "eb");
  auto cat = register_and_login(*client, "ec");
  befriend(*client, ann, bob);
  befriend(*client, ann, cat);
  auto const room_id = direct_room(*client, ann, bob)["id"].get<std::int64_t>();
  direct_room(*client, ann, cat);

  kfn::test::KafkaReader rooms(runner.kafka_bootstrap(), "chat.events");
  auto const created = find_event(rooms, room_id, "RoomCreated");
  REQUIRE(created);
  CHECK((*created)["event_type"] == "RoomCreated");
  CHECK((*created)["room_type"] == "direct");
  CHECK((*created)["member_ids"].size() == 2);
  CHECK((*created)["room"]["id"] == room_id);
  CHECK((*created)["created_at"].is_string());

  auto const sent = body_of(send(*client, ann, room_id, "hello"));
  auto const message_path =
      room_path("/messages/", room_id) + "/" + std::to_string(sent["id"].get<std::int64_t>());
  REQUIRE(call(*client, ann, "PATCH", message_path, {{"content", "hello!"}}).status == 200);
  REQUIRE(call(*client, bob, "POST", room_path("/messages/", room_id, "/read"), {{"seq", 1}}).status == 204);
  REQUIRE(call(*client, ann, "DELETE", message_path).status == 204);

  kfn::test::KafkaReader messages(runner.kafka_bootstrap(), "message.events");
  auto const sent_event = find_event(messages, room_id, "MessageSent");
  REQUIRE(sent_event);
  CHECK((*sent_event)["message"] == sent);
  CHECK((*sent_event)["message_id"] == sent["id"]);
  CHECK((*sent_event)["seq"] == 1);
  CHECK((*sent_event)["user_id"] == ann.id);
  CHECK((*sent_event)["member_ids"] == (*created)["member_ids"]);
  auto const edited = find_event(messages, room_id, "MessageEdited");
  REQUIRE(edited);
  CHECK((*edited)["message"]["content"] == "hello!");
  auto const read = find_event(messages, room_id, "MessageRead");
  REQUIRE(read);
  CHECK(*read == json{{"room_id", room_id},
                      {"user_id", bob.id},
                      {"seq", 1},
                      {"member_ids", (*created)["member_ids"]},
                      {"event_type", "MessageRead"},
                      {"occurred_at", (*read)["occurred_at"]}});
  auto const deleted = find_event(messages, room_id, "MessageDeleted");
  REQUIRE(deleted);
  CHECK((*deleted)["message_id"] == sent["id"]);
  CHECK_FALSE(deleted->contains("message"));

  auto const group = body_of(call(*client, ann, "POST", "/chat/rooms",
                                  {{"type", "group"}, {"name", "Ev"}, {"member_ids", {bob.id}}}));
  auto const group_id = group["id"].get<std::int64_t>();
  REQUIRE(
      call(*client, ann, "POST", room_path("/chat/rooms/", group_id, "/members"), {{"user_ids", {cat.id}}})
          .status == 200);
  REQUIRE(call(*client, bob, "DELETE", room_path("/chat/rooms/", group_id, "/members/me")).status == 204);
  auto const joined = find_event(rooms, group_id, "MemberJoined");
  REQUIRE(joined);
  CHECK((*joined)["user_id"] == cat.id);
  CHECK((*joined)["added_by"] == ann.id);
  CHECK((*joined)["member_ids"] == json{ann.id, bob.id, cat.id});
  CHECK((*joined)["user"]["id"] == cat.id);
  auto const left = find_event(rooms, group_id, "MemberLeft");
  REQUIRE(left);
  CHECK((*left)["member_ids"] == json{ann.id, cat.id});
  CHECK((*left)["user"]["username"] == bob.username);
}

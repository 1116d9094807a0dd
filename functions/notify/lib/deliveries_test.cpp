#include "lib/deliveries.h"

#include <catch2/catch.hpp>

#include "lib/test_events.h"

using namespace notify::testing;
using notify::Delivery;
using notify::Malformed;

namespace {

std::vector<Delivery> plan(std::string const& type, json const& data,
                           std::vector<std::int64_t> const& friends = {}) {
  auto result = notify::plan_deliveries(type, data, friends);
  if (auto const* bad = std::get_if<Malformed>(&result)) FAIL(bad->reason);
  return std::get<std::vector<Delivery>>(result);
}

std::vector<std::int64_t> recipients(std::vector<Delivery> const& deliveries) {
  std::vector<std::int64_t> ids;
  for (auto const& d : deliveries) ids.push_back(d.recipient_id);
  return ids;
}

}  // namespace

TEST_CASE("friend events reach the other party with the actor's PublicUser", "[deliveries]") {
  auto const sent = plan("FriendRequestSent", friend_request_sent(1, 2));
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].recipient_id == 2);
  CHECK(sent[0].event == "friend.request_received");
  CHECK(sent[0].data == json{{"user", snapshot(1)}});

  auto const accepted = plan("FriendRequestAccepted", friend_request_accepted(1, 2));
  REQUIRE(accepted.size() == 1);
  CHECK(accepted[0].recipient_id == 1);
  CHECK(accepted[0].event == "friend.request_accepted");
  CHECK(accepted[0].data["user"]["id"] == 2);

  json const rejected = {{"user_id", 2}, {"requester_id", 1}, {"target_user_id", 2}, {"target", snapshot(2)}};
  auto const rejected_plan = plan("FriendRequestRejected", rejected);
  CHECK(recipients(rejected_plan) == std::vector<std::int64_t>{1});
  CHECK(rejected_plan[0].event == "friend.request_rejected");

  json const cancelled = {
      {"user_id", 1}, {"requester_id", 1}, {"target_user_id", 2}, {"requester", snapshot(1)}};
  auto const cancelled_plan = plan("FriendRequestCancelled", cancelled);
  CHECK(recipients(cancelled_plan) == std::vector<std::int64_t>{2});
  CHECK(cancelled_plan[0].event == "friend.request_cancelled");
  CHECK(cancelled_plan[0].data["user"]["id"] == 1);

  json const removed = {{"user_id", 1}, {"friend_id", 2}, {"user", snapshot(1)}};
  auto const removed_plan = plan("FriendRemoved", removed);
  CHECK(recipients(removed_plan) == std::vector<std::int64_t>{2});
  CHECK(removed_plan[0].event == "friend.removed");
}

TEST_CASE("a snapshot reaches streams as PublicUser fields only", "[deliveries]") {
  auto data = friend_request_sent(1, 2);
  data["requester"]["email"] = "secret@example.com";
  data["requester"].erase("avatar_url");
  auto const user = plan("FriendRequestSent", data).at(0).data["user"];
  CHECK_FALSE(user.contains("email"));
  CHECK(user["avatar_url"].is_null());
  CHECK(user["username"] == "user1");
}

TEST_CASE("room events reach every member, and the one who left", "[deliveries]") {
  json const room = {{"id", 9}, {"type", "group"}, {"name", "g"}};
  json const created = {{"room_id", 9},    {"room_type", "group"},    {"name", "g"},
                        {"created_by", 1}, {"member_ids", {1, 2, 3}}, {"room", room}};
  auto const created_plan = plan("RoomCreated", created);
  CHECK(recipients(created_plan) == std::vector<std::int64_t>{1, 2, 3});
  CHECK(created_plan[0].event == "room.created");
  CHECK(created_plan[2].data == room);

  json const joined = {
      {"room_id", 9}, {"user_id", 4}, {"added_by", 1}, {"member_ids", {1, 2, 3, 4}}, {"user", snapshot(4)}};
  auto const joined_plan = plan("MemberJoined", joined);
  CHECK(recipients(joined_plan) == std::vector<std::int64_t>{1, 2, 3, 4});
  CHECK(joined_plan[3].event == "room.member_joined");
  CHECK(joined_plan[3].data == json{{"room_id", 9}, {"user", snapshot(4)}});

  json const left = {{"room_id", 9}, {"user_id", 2}, {"member_ids", {1, 3, 4}}, {"user", snapshot(2)}};
  auto const left_plan = plan("MemberLeft", left);
  CHECK(recipients(left_plan) == std::vector<std::int64_t>{1, 3, 4, 2});
  CHECK(left_plan[0].event == "room.member_left");
  CHECK(left_plan[0].data == json{{"room_id", 9}, {"user", snapshot(2)}});
}

TEST_CASE("message events reach every member, the sender included", "[deliveries]") {
  auto const sent_data = message_sent(9, 100, 5, 1, {1, 2});
  auto const sent = plan("MessageSent", sent_data);
  CHECK(recipients(sent) == std::vector<std::int64_t>{1, 2});
  CHECK(sent[0].event == "message.sent");
  CHECK(sent[0].data == sent_data["message"]);

  auto edited_data = sent_data;
  edited_data["event_type"] = "MessageEdited";
  auto const edited = plan("MessageEdited", edited_data);
  CHECK(edited[1].event == "message.edited");
  CHECK(edited[1].data["content"] == "hello");

  json const deleted = {
      {"room_id", 9}, {"message_id", 100}, {"seq", 5}, {"user_id", 1}, {"member_ids", {1, 2}}};
  auto const deleted_plan = plan("MessageDeleted", deleted);
  CHECK(deleted_plan[1].event == "message.deleted");
  CHECK(deleted_plan[1].data == json{{"room_id", 9}, {"message_id", 100}, {"seq", 5}});

  json const read = {{"room_id", 9}, {"user_id", 2}, {"seq", 5}, {"member_ids", {1, 2}}};
  auto const read_plan = plan("MessageRead", read);
  CHECK(recipients(read_plan) == std::vector<std::int64_t>{1, 2});
  CHECK(read_plan[0].event == "message.read");
  CHECK(read_plan[0].data == json{{"room_id", 9}, {"user_id", 2}, {"seq", 5}});
}

TEST_CASE("a presence change reaches each friend of the user", "[deliveries]") {
  auto const changed = plan("UserOnlineStatusChanged", online_status(1, true), {2, 3});
  CHECK(recipients(changed) == std::vector<std::int64_t>{2, 3});
  CHECK(changed[0].event == "presence.changed");
  CHECK(changed[0].data ==
        json{{"user_id", 1}, {"online", true}, {"last_seen_at", "2026-11-21T11:59:58.000Z"}});
  CHECK(plan("UserOnlineStatusChanged", online_status(1, false), {}).empty());
}

TEST_CASE("types nobody streams plan nothing", "[deliveries]") {
  CHECK(plan("UserBlocked", {{"user_id", 1}, {"blocked_id", 2}}).empty());
  CHECK(plan("UserRegistered", {{"user_id", 1}}).empty());
}

TEST_CASE("events missing what their contract promises are malformed, naming the field", "[deliveries]") {
  auto data = message_sent(9, 100, 5, 1, {1, 2});
  data["member_ids"] = {1, "2"};
  auto const bad_members = notify::plan_deliveries("MessageSent", data, {});
  REQUIRE(std::holds_alternative<Malformed>(bad_members));
  CHECK(std::get<Malformed>(bad_members).reason.find("member_ids") != std::string::npos);

  auto no_requester = friend_request_sent(1, 2);
  no_requester.erase("requester");
  CHECK(std::holds_alternative<Malformed>(notify::plan_deliveries("FriendRequestSent", no_requester, {})));

  auto bad_time = online_status(1, true);
  bad_time["last_seen_at"] = "yesterday";
  CHECK(std::holds_alternative<Malformed>(notify::plan_deliveries("UserOnlineStatusChanged", bad_time, {})));

  json const zero_room = {{"room_id", 0}, {"user_id", 2}, {"seq", 5}, {"member_ids", {1, 2}}};
  CHECK(std::holds_alternative<Malformed>(notify::plan_deliveries("MessageRead", zero_room, {})));
}

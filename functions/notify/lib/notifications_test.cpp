#include "lib/notifications.h"

#include <catch2/catch.hpp>

#include "lib/test_events.h"

using namespace notify::testing;

TEST_CASE("friend requests notify the target, acceptances the requester", "[notifications]") {
  auto const received = notify::friend_notification("FriendRequestSent", friend_request_sent(1, 2));
  REQUIRE(received);
  CHECK(received->recipient_id == 2);
  CHECK(received->type == "friend_request_received");
  CHECK(received->payload == json{{"user", snapshot(1)}});

  auto const accepted = notify::friend_notification("FriendRequestAccepted", friend_request_accepted(1, 2));
  REQUIRE(accepted);
  CHECK(accepted->recipient_id == 1);
  CHECK(accepted->type == "friend_request_accepted");
  CHECK(accepted->payload["user"]["id"] == 2);

  CHECK_FALSE(notify::friend_notification("FriendRequestRejected", friend_request_accepted(1, 2)));
  CHECK_FALSE(notify::friend_notification("MessageSent", message_sent(9, 1, 1, 1, {1})));
}

TEST_CASE("message notifications go to offline members other than the sender", "[notifications]") {
  auto const message = notify::sent_message(message_sent(9, 100, 5, 1, {1, 2, 3, 4}));
  REQUIRE(message);
  CHECK(notify::offline_recipients(*message, {}) == std::vector<std::int64_t>{2, 3, 4});
  CHECK(notify::offline_recipients(*message, {3}) == std::vector<std::int64_t>{2, 4});
  CHECK(notify::offline_recipients(*message, {2, 3, 4}).empty());
}

TEST_CASE("a room's notification counts the messages it stands for", "[notifications]") {
  auto const first = notify::sent_message(message_sent(9, 100, 5, 1, {1, 2}, "first"));
  auto const second = notify::sent_message(message_sent(9, 101, 6, 3, {1, 2, 3}, "second"));
  REQUIRE((first && second));

  auto const one = notify::message_payload(*first, nullptr);
  CHECK(one == json{{"room_id", 9},
                    {"message_id", 100},
                    {"seq", 5},
                    {"sender_id", 1},
                    {"message_type", "text"},
                    {"preview", "first"},
                    {"count", 1}});
  auto const two = notify::message_payload(*second, &one);
  CHECK(two["count"] == 2);
  CHECK(two["preview"] == "second");
  CHECK(two["sender_id"] == 3);
  CHECK(two["seq"] == 6);
  CHECK(notify::message_payload(*second, &two)["count"] == 3);

  json const damaged = {{"count", "many"}};
  CHECK(notify::message_payload(*second, &damaged)["count"] == 1);
}

TEST_CASE("previews keep at most 100 characters without splitting one", "[notifications]") {
  CHECK(notify::preview_of("short") == "short");
  CHECK(notify::preview_of(std::string(150, 'a')).size() == 100);
  std::string hangul;
  for (int i = 0; i < 120; ++i) hangul += "\xED\x95\x9C";  // U+D55C, three bytes
  auto const preview = notify::preview_of(hangul);
  CHECK(preview.size() == 300);
  CHECK(notify::preview_of("\xED\x95\x9C\xED\x95\x9C", 1) == "\xED\x95\x9C");
  auto const long_message = notify::sent_message(message_sent(9, 100, 5, 1, {1, 2}, std::string(4000, 'x')));
  REQUIRE(long_message);
  CHECK(long_message->preview.size() == notify::kPreviewLength);
}

TEST_CASE("a MessageRead names the room, the reader and how far", "[notifications]") {
  json const read = {{"room_id", 9}, {"user_id", 2}, {"seq", 5}, {"member_ids", {1, 2}}};
  auto const parsed = notify::room_read("MessageRead", read);
  REQUIRE(parsed);
  CHECK(parsed->room_id == 9);
  CHECK(parsed->user_id == 2);
  CHECK(parsed->seq == 5);
  CHECK_FALSE(notify::room_read("MessageSent", read));
}

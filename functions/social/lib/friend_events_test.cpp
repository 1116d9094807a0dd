#include "lib/friend_events.h"

#include <catch2/catch.hpp>

using nlohmann::json;

namespace {

social::SocialUser user(std::int64_t id, std::string name) {
  return {id, name, "Display " + name, std::string("hi"), std::nullopt};
}

json snapshot(std::int64_t id, std::string const& name) {
  return {{"id", id},
          {"username", name},
          {"display_name", "Display " + name},
          {"status_message", "hi"},
          {"avatar_url", nullptr}};
}

}  // namespace

TEST_CASE("FriendRequestSent is keyed by the requester and carries their snapshot", "[friend_events]") {
  auto const event = social::friend_request_sent(user(1, "ann"), 2, "2026-11-21T12:00:00.000Z");
  CHECK(event.topic == "friend.events");
  CHECK(event.key == "1");
  CHECK(event.type == "FriendRequestSent");
  CHECK(event.data == json{{"user_id", 1},
                           {"requester_id", 1},
                           {"target_user_id", 2},
                           {"requester", snapshot(1, "ann")},
                           {"created_at", "2026-11-21T12:00:00.000Z"}});
}

TEST_CASE("FriendRequestAccepted is keyed by the accepter and carries both snapshots", "[friend_events]") {
  auto const event =
      social::friend_request_accepted(user(1, "ann"), user(2, "bob"), "2026-11-21T12:00:00.000Z");
  CHECK(event.key == "2");
  CHECK(event.type == "FriendRequestAccepted");
  CHECK(event.data == json{{"user_id", 2},
                           {"requester_id", 1},
                           {"target_user_id", 2},
                           {"requester", snapshot(1, "ann")},
                           {"target", snapshot(2, "bob")},
                           {"created_at", "2026-11-21T12:00:00.000Z"}});
}

TEST_CASE("rejected and cancelled name the actor and carry the actor's snapshot", "[friend_events]") {
  auto const rejected = social::friend_request_rejected(1, user(2, "bob"));
  CHECK(rejected.key == "2");
  CHECK(rejected.data ==
        json{{"user_id", 2}, {"requester_id", 1}, {"target_user_id", 2}, {"target", snapshot(2, "bob")}});
  auto const cancelled = social::friend_request_cancelled(user(1, "ann"), 2);
  CHECK(cancelled.key == "1");
  CHECK(cancelled.type == "FriendRequestCancelled");
  CHECK(cancelled.data ==
        json{{"user_id", 1}, {"requester_id", 1}, {"target_user_id", 2}, {"requester", snapshot(1, "ann")}});
}

TEST_CASE("FriendRemoved, UserBlocked and UserUnblocked are keyed by who acted", "[friend_events]") {
  auto const removed = social::friend_removed(user(3, "cy"), 4);
  CHECK(removed.key == "3");
  CHECK(removed.data == json{{"user_id", 3}, {"friend_id", 4}, {"user", snapshot(3, "cy")}});
  auto const blocked = social::user_blocked(5, 6);
  CHECK(blocked.key == "5");
  CHECK(blocked.type == "UserBlocked");
  CHECK(blocked.data == json{{"user_id", 5}, {"blocked_id", 6}});
  auto const unblocked = social::user_unblocked(5, 6);
  CHECK(unblocked.type == "UserUnblocked");
  CHECK(unblocked.data == json{{"user_id", 5}, {"blocked_id", 6}});
}

#include "lib/projections.h"

#include <catch2/catch.hpp>

#include "lib/test_events.h"

using namespace notify::testing;

namespace {

std::optional<notify::FriendshipChange> friendship(std::string const& type, json const& data) {
  auto result = notify::friendship_change(type, data);
  REQUIRE(std::holds_alternative<std::optional<notify::FriendshipChange>>(result));
  return std::get<std::optional<notify::FriendshipChange>>(result);
}

}  // namespace

TEST_CASE("accepting makes friends; unfriending and blocking end it", "[projections]") {
  auto const accepted = friendship("FriendRequestAccepted", friend_request_accepted(1, 2));
  REQUIRE(accepted);
  CHECK(accepted->user_id == 1);
  CHECK(accepted->other_id == 2);
  CHECK(accepted->are_friends);

  auto const removed = friendship("FriendRemoved", {{"user_id", 3}, {"friend_id", 4}, {"user", snapshot(3)}});
  REQUIRE(removed);
  CHECK(removed->user_id == 3);
  CHECK(removed->other_id == 4);
  CHECK_FALSE(removed->are_friends);

  auto const blocked = friendship("UserBlocked", {{"user_id", 5}, {"blocked_id", 6}});
  REQUIRE(blocked);
  CHECK(blocked->other_id == 6);
  CHECK_FALSE(blocked->are_friends);

  CHECK_FALSE(friendship("FriendRequestSent", friend_request_sent(1, 2)));
  CHECK_FALSE(friendship("UserUnblocked", {{"user_id", 5}, {"blocked_id", 6}}));
  CHECK(std::holds_alternative<notify::Malformed>(
      notify::friendship_change("FriendRemoved", {{"user_id", 3}})));
}

TEST_CASE("a presence change carries the user's new state", "[projections]") {
  auto result = notify::presence_change("UserOnlineStatusChanged", online_status(7, true));
  auto const& change = std::get<std::optional<notify::PresenceChange>>(result);
  REQUIRE(change);
  CHECK(change->user_id == 7);
  CHECK(change->online);
  CHECK(change->last_seen_at == "2026-11-21T11:59:58.000Z");

  auto never_seen = online_status(7, false);
  never_seen.erase("last_seen_at");
  auto const offline = std::get<std::optional<notify::PresenceChange>>(
      notify::presence_change("UserOnlineStatusChanged", never_seen));
  REQUIRE(offline);
  CHECK_FALSE(offline->online);
  CHECK(offline->last_seen_at.is_null());

  auto not_bool = online_status(7, true);
  not_bool["online"] = "yes";
  CHECK(std::holds_alternative<notify::Malformed>(
      notify::presence_change("UserOnlineStatusChanged", not_bool)));
  CHECK_FALSE(std::get<std::optional<notify::PresenceChange>>(notify::presence_change("MessageSent", {})));
}

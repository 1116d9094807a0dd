#include "lib/blocks_projection.h"

#include <catch2/catch.hpp>

#include "common/testing/fake_context.h"
#include "lib/test_rows.h"

using common::testing::FakeContext;
using nlohmann::json;

namespace {

json block_data() {
  return {{"event_type", "UserBlocked"},
          {"occurred_at", "2026-11-21T11:59:00.500Z"},
          {"user_id", 1},
          {"blocked_id", 2}};
}

kfn::CloudEvent cloud_event(std::string type, json const& data) {
  kfn::CloudEvent event;
  event.id = "event-9";
  event.type = std::move(type);
  event.data = data.dump();
  return event;
}

}  // namespace

TEST_CASE("UserBlocked and UserUnblocked become block changes timed by occurred_at", "[blocks_projection]") {
  auto const blocked = users::read_friend_event("UserBlocked", block_data());
  REQUIRE(std::holds_alternative<users::BlockChange>(blocked));
  auto const& change = std::get<users::BlockChange>(blocked);
  CHECK(change.blocker_id == 1);
  CHECK(change.blocked_id == 2);
  CHECK(change.blocked);
  CHECK(change.changed_at == "2026-11-21 11:59:00.500");
  auto const unblocked = users::read_friend_event("UserUnblocked", block_data());
  REQUIRE(std::holds_alternative<users::BlockChange>(unblocked));
  CHECK_FALSE(std::get<users::BlockChange>(unblocked).blocked);
}

TEST_CASE("other friend events are ignored; malformed block events refused", "[blocks_projection]") {
  CHECK(std::holds_alternative<users::IgnoredFriendEvent>(
      users::read_friend_event("FriendRequestSent", json::object())));
  auto no_target = block_data();
  no_target.erase("blocked_id");
  auto no_time = block_data();
  no_time.erase("occurred_at");
  for (json const& data : {no_target, no_time, json("text")}) {
    CHECK(std::holds_alternative<users::MalformedFriendEvent>(users::read_friend_event("UserBlocked", data)));
  }
}

TEST_CASE("a first delivery upserts the block in the transaction that records the event",
          "[blocks_projection]") {
  FakeContext ctx;
  ctx.database.answer(users::testing::affected(1));
  auto const result = users::handle_friend_event(cloud_event("UserBlocked", block_data()), ctx);
  CHECK(result.outcome == kfn::Outcome::kDone);
  REQUIRE(ctx.database.statements.size() == 2);
  auto const& upsert = ctx.database.statements[1];
  CHECK(upsert.sql.rfind("INSERT INTO user_blocks", 0) == 0);
  CHECK(upsert.in_transaction);
  CHECK(std::get<std::int64_t>(upsert.params.at(2)) == 1);
  CHECK(ctx.database.commits == 1);
}

TEST_CASE("a redelivered block event changes nothing; a malformed one is dead-lettered",
          "[blocks_projection]") {
  FakeContext again;
  again.database.answer(users::testing::affected(0));
  CHECK(users::handle_friend_event(cloud_event("UserUnblocked", block_data()), again).outcome ==
        kfn::Outcome::kDone);
  CHECK(again.database.statements.size() == 1);
  CHECK(again.database.commits == 0);

  FakeContext bad;
  auto event = cloud_event("UserBlocked", block_data());
  event.data = "{";
  CHECK(users::handle_friend_event(event, bad).outcome == kfn::Outcome::kPermanent);
  CHECK(bad.database.statements.empty());
}

#include "lib/friends_projection.h"

#include <catch2/catch.hpp>

#include "common/testing/fake_context.h"
#include "lib/test_rows.h"

using chat::testing::affected;
using chat::testing::answer_room_view;
using chat::testing::one_value;
using chat::testing::rows;
using common::testing::FakeContext;
using nlohmann::json;

namespace {

kfn::CloudEvent event(std::string type, json data) {
  kfn::CloudEvent e;
  e.id = "evt-1";
  e.type = std::move(type);
  data["event_type"] = e.type;
  data["occurred_at"] = "2026-11-21T11:59:59.500Z";
  e.data = data.dump();
  return e;
}

json snapshot(std::int64_t id) {
  return {{"id", id},
          {"username", "user" + std::to_string(id)},
          {"display_name", "U"},
          {"status_message", nullptr},
          {"avatar_url", nullptr}};
}

kfn::CloudEvent accepted() {
  return event("FriendRequestAccepted", {{"user_id", 8},
                                         {"requester_id", 7},
                                         {"target_user_id", 8},
                                         {"requester", snapshot(7)},
                                         {"target", snapshot(8)},
                                         {"created_at", "2026-11-21T11:59:59.500Z"}});
}

bool ran(FakeContext const& ctx, std::string const& prefix) {
  for (auto const& statement : ctx.database.statements) {
    if (statement.sql.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("an accepted request records the friendship and makes the direct room once",
          "[friends-projection]") {
  FakeContext ctx;
  ctx.database.answer(affected(1));  // first delivery
  ctx.database.answer(affected(1));
  ctx.database.answer(affected(1));
  ctx.database.answer(affected(1));  // friendship
  ctx.database.answer(rows({}));     // no direct room yet
  ctx.database.answer(one_value(0));
  ctx.database.answer(affected(1, 70));
  ctx.database.answer(affected(2));
  ctx.database.answer(affected(1));
  answer_room_view(ctx.database, 70, "direct", {8, 7});
  auto const result = chat::handle_friend_event(accepted(), ctx);
  CHECK(result.outcome == kfn::Outcome::kDone);
  CHECK(ctx.database.commits == 1);
  auto const& statements = ctx.database.statements;
  CHECK(statements.at(0).sql.find("kfn_processed_events") != std::string::npos);
  CHECK(statements.at(1).sql.rfind("INSERT IGNORE INTO users", 0) == 0);
  CHECK(statements.at(3).sql.rfind("INSERT INTO friend_pairs", 0) == 0);
  CHECK(std::get<std::int64_t>(statements.at(3).params.at(2)) == 1);
  CHECK(std::get<std::string>(statements.at(3).params.at(3)) == "2026-11-21 11:59:59.500");
  REQUIRE(ctx.database.published.size() == 1);
  CHECK(ctx.database.published[0].type == "RoomCreated");
  CHECK(ctx.database.published[0].data["created_by"] == 8);
}

TEST_CASE("a redelivered event changes nothing", "[friends-projection]") {
  FakeContext ctx;
  ctx.database.answer(affected(0));
  CHECK(chat::handle_friend_event(accepted(), ctx).outcome == kfn::Outcome::kDone);
  CHECK(ctx.database.statements.size() == 1);
  CHECK(ctx.database.commits == 0);
}

TEST_CASE("an accepted request whose room exists publishes nothing", "[friends-projection]") {
  FakeContext ctx;
  ctx.database.answer(affected(1));
  ctx.database.answer(affected(1));
  ctx.database.answer(affected(1));
  ctx.database.answer(affected(1));
  ctx.database.answer(rows({common::testing::make_row({"id"}, {std::int64_t{70}})}));
  CHECK(chat::handle_friend_event(accepted(), ctx).outcome == kfn::Outcome::kDone);
  CHECK(ctx.database.commits == 1);
  CHECK(ctx.database.published.empty());
}

TEST_CASE("a removal ends the friendship", "[friends-projection]") {
  FakeContext ctx;
  ctx.database.answer(affected(1));
  auto const removed = event("FriendRemoved", {{"user_id", 7}, {"friend_id", 8}, {"user", snapshot(7)}});
  CHECK(chat::handle_friend_event(removed, ctx).outcome == kfn::Outcome::kDone);
  auto const& write = ctx.database.statements.at(1);
  CHECK(write.sql.rfind("INSERT INTO friend_pairs", 0) == 0);
  CHECK(std::get<std::int64_t>(write.params.at(0)) == 7);
  CHECK(std::get<std::int64_t>(write.params.at(2)) == 0);
}

TEST_CASE("a block records it, ends the friendship and marks the direct room; an unblock lifts it",
          "[friends-projection]") {
  FakeContext ctx;
  ctx.database.answer(affected(1));
  CHECK(chat::handle_friend_event(event("UserBlocked", {{"user_id", 7}, {"blocked_id", 8}}), ctx).outcome ==
        kfn::Outcome::kDone);
  CHECK(ran(ctx, "INSERT INTO block_pairs"));
  CHECK(ran(ctx, "INSERT INTO friend_pairs"));
  CHECK(ran(ctx, "UPDATE rooms SET blocked"));
  CHECK(std::get<std::string>(ctx.database.statements.back().params.back()) == "7:8");

  FakeContext again;
  again.database.answer(affected(1));
  CHECK(
      chat::handle_friend_event(event("UserUnblocked", {{"user_id", 7}, {"blocked_id", 8}}), again).outcome ==
      kfn::Outcome::kDone);
  CHECK_FALSE(ran(again, "INSERT INTO friend_pairs"));
  CHECK(std::get<std::int64_t>(again.database.statements.at(1).params.at(2)) == 0);
}

TEST_CASE("other friend events are ignored; malformed ones are permanent failures", "[friends-projection]") {
  FakeContext ctx;
  CHECK(chat::handle_friend_event(event("FriendRequestSent", {{"user_id", 7}}), ctx).outcome ==
        kfn::Outcome::kDone);
  kfn::CloudEvent garbage = accepted();
  garbage.data = "not json";
  CHECK(chat::handle_friend_event(garbage, ctx).outcome == kfn::Outcome::kPermanent);
  CHECK(chat::handle_friend_event(event("UserBlocked", {{"user_id", 7}}), ctx).outcome ==
        kfn::Outcome::kPermanent);
  CHECK(ctx.database.statements.empty());
}

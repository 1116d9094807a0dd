#include "lib/relation_handlers.h"

#include <catch2/catch.hpp>

#include "common/testing/fake_context.h"
#include "lib/test_rows.h"

using common::testing::FakeContext;
using nlohmann::json;
using social::PairState;
using namespace social::testing;

namespace {

FakeContext caller(std::int64_t id) {
  FakeContext ctx;
  ctx.identity = kfn::Identity{id, "jti-1", 1795263000};
  return ctx;
}

kfn::HttpRequest on_user(std::string id) {
  kfn::HttpRequest req;
  req.path_params.emplace_back("user_id", std::move(id));
  return req;
}

std::string code_of(kfn::HttpResponse const& response) {
  return json::parse(response.body)["error"]["code"].get<std::string>();
}

bool ran(FakeContext const& ctx, std::string const& sql_start) {
  for (auto const& statement : ctx.database.statements) {
    if (statement.sql.rfind(sql_start, 0) == 0) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("unfriending a friend removes both rows and publishes FriendRemoved", "[relations]") {
  auto ctx = caller(1);
  ctx.database.answer_rows({user_row(1, "ann")});
  ctx.database.answer(pair_row());
  ctx.database.answer(state_rows(PairState{true, false, false, false, false}));
  CHECK(social::handle_unfriend(on_user("2"), ctx).status == 204);
  CHECK(ran(ctx, "DELETE FROM friendships"));
  REQUIRE(ctx.database.published.size() == 1);
  auto const& event = ctx.database.published[0];
  CHECK(event.type == "FriendRemoved");
  CHECK(event.key == "1");
  CHECK(event.data["friend_id"] == 2);
  CHECK(event.data["user"]["username"] == "ann");
}

TEST_CASE("unfriending someone who is not a friend is 404 not_friends", "[relations]") {
  auto ctx = caller(1);
  ctx.database.answer_rows({user_row(1, "ann")});
  ctx.database.answer(pair_row());
  ctx.database.answer(state_rows(PairState{false, true, false, false, false}));
  auto const response = social::handle_unfriend(on_user("2"), ctx);
  CHECK(response.status == 404);
  CHECK(code_of(response) == "not_friends");
  CHECK(ctx.database.commits == 0);
}

TEST_CASE("blocking ends friendship and requests both ways and publishes UserBlocked", "[relations]") {
  auto ctx = caller(1);
  ctx.database.answer_rows({user_row(2, "bob")});
  ctx.database.answer(affected(1));
  ctx.database.answer(pair_row());
  ctx.database.answer(state_rows(PairState{true, false, false, false, false}));
  CHECK(social::handle_block(on_user("2"), ctx).status == 204);
  CHECK(ran(ctx, "INSERT INTO blocks"));
  CHECK(ran(ctx, "DELETE FROM friendships"));
  CHECK(ran(ctx, "DELETE FROM friend_requests"));
  REQUIRE(ctx.database.published.size() == 1);
  CHECK(ctx.database.published[0].type == "UserBlocked");
  CHECK(ctx.database.published[0].data == json{{"user_id", 1}, {"blocked_id", 2}});
}

TEST_CASE("blocking again changes nothing and publishes nothing", "[relations]") {
  auto ctx = caller(1);
  ctx.database.answer_rows({user_row(2, "bob")});
  ctx.database.answer(affected(0));
  ctx.database.answer(pair_row());
  ctx.database.answer(state_rows(PairState{false, false, false, true, false}));
  CHECK(social::handle_block(on_user("2"), ctx).status == 204);
  CHECK_FALSE(ran(ctx, "INSERT INTO blocks"));
  CHECK(ctx.database.published.empty());
}

TEST_CASE("blocking oneself is 400 and blocking an unknown user 404 user_not_found", "[relations]") {
  auto self = caller(1);
  CHECK(social::handle_block(on_user("1"), self).status == 400);
  CHECK(self.database.statements.empty());
  auto unknown = caller(1);
  unknown.database.answer_rows({});
  auto const response = social::handle_block(on_user("2"), unknown);
  CHECK(response.status == 404);
  CHECK(code_of(response) == "user_not_found");
  CHECK(unknown.database.statements.size() == 1);
}

TEST_CASE("unblocking lifts the caller's own block only", "[relations]") {
  auto ctx = caller(1);
  ctx.database.answer(pair_row());
  ctx.database.answer(state_rows(PairState{false, false, false, true, false}));
  CHECK(social::handle_unblock(on_user("2"), ctx).status == 204);
  CHECK(ran(ctx, "DELETE FROM blocks"));
  REQUIRE(ctx.database.published.size() == 1);
  CHECK(ctx.database.published[0].type == "UserUnblocked");

  auto theirs = caller(1);
  theirs.database.answer(pair_row());
  theirs.database.answer(state_rows(PairState{false, false, false, false, true}));
  auto const response = social::handle_unblock(on_user("2"), theirs);
  CHECK(response.status == 404);
  CHECK(code_of(response) == "not_blocked");
  CHECK(theirs.database.published.empty());
}

#include "lib/read_handler.h"

#include <catch2/catch.hpp>

#include "common/testing/fake_context.h"
#include "lib/test_rows.h"

using chat::testing::affected;
using chat::testing::one_value;
using chat::testing::room_rows;
using chat::testing::rows;
using common::testing::FakeContext;
using nlohmann::json;

namespace {

kfn::HttpRequest post(json const& body) {
  kfn::HttpRequest req;
  req.method = "POST";
  req.path_params = {{"room_id", "3"}};
  req.body = body.dump();
  return req;
}

FakeContext as_user(std::int64_t id) {
  FakeContext ctx;
  ctx.identity = kfn::Identity{id, "jti", 1900000000};
  return ctx;
}

}  // namespace

TEST_CASE("read moves the marker forward and publishes MessageRead", "[read]") {
  auto ctx = as_user(8);
  ctx.database.answer(room_rows("direct", 10, false, {7, 8}));
  ctx.database.answer(one_value(2));
  ctx.database.answer(affected(1));
  REQUIRE(chat::handle_read(post({{"seq", 6}}), ctx).status == 204);
  auto const& update = ctx.database.statements.at(2);
  CHECK(update.in_transaction);
  CHECK(update.sql.find("last_read_seq < ?") != std::string::npos);
  CHECK(std::get<std::int64_t>(update.params.at(0)) == 6);
  REQUIRE(ctx.database.published.size() == 1);
  CHECK(ctx.database.published[0].type == "MessageRead");
  CHECK(ctx.database.published[0].data ==
        json{{"room_id", 3}, {"user_id", 8}, {"seq", 6}, {"member_ids", {7, 8}}});
}

TEST_CASE("read never moves the marker back and never past the newest message", "[read]") {
  auto ctx = as_user(8);
  ctx.database.answer(room_rows("direct", 10, false, {7, 8}));
  ctx.database.answer(one_value(6));
  CHECK(chat::handle_read(post({{"seq", 3}}), ctx).status == 204);
  CHECK(ctx.database.statements.size() == 2);
  CHECK(ctx.database.published.empty());

  ctx.database.answer(room_rows("direct", 10, false, {7, 8}));
  ctx.database.answer(one_value(6));
  ctx.database.answer(affected(1));
  CHECK(chat::handle_read(post({{"seq", 99}}), ctx).status == 204);
  CHECK(std::get<std::int64_t>(ctx.database.statements.back().params.at(0)) == 10);
}

TEST_CASE("read publishes nothing when a concurrent read moved the marker further", "[read]") {
  auto ctx = as_user(8);
  ctx.database.answer(room_rows("direct", 10, false, {7, 8}));
  ctx.database.answer(one_value(2));
  ctx.database.answer(affected(0));
  CHECK(chat::handle_read(post({{"seq", 6}}), ctx).status == 204);
  CHECK(ctx.database.published.empty());
}

TEST_CASE("read is 404 for a non-member and 422 without a positive seq", "[read]") {
  auto ctx = as_user(9);
  ctx.database.answer(room_rows("direct", 10, false, {7, 8}));
  CHECK(chat::handle_read(post({{"seq", 6}}), ctx).status == 404);
  CHECK(chat::handle_read(post({{"seq", 0}}), ctx).status == 422);
  CHECK(chat::handle_read(post(json::object()), ctx).status == 422);
}

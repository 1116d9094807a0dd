#include "lib/send_message_handler.h"

#include <catch2/catch.hpp>

#include "common/testing/fake_context.h"
#include "lib/message_batch.h"
#include "lib/test_rows.h"

using chat::testing::affected;
using chat::testing::room_rows;
using common::testing::FakeContext;
using nlohmann::json;

namespace {

kfn::HttpRequest post(std::string room_id, json const& body) {
  kfn::HttpRequest req;
  req.method = "POST";
  req.path = "/messages/" + room_id;
  req.path_params = {{"room_id", std::move(room_id)}};
  req.body = body.dump();
  return req;
}

FakeContext as_user(std::int64_t id) {
  FakeContext ctx;
  ctx.identity = kfn::Identity{id, "jti", 1900000000};
  return ctx;
}

json body_of(kfn::HttpResponse const& response) { return json::parse(response.body); }

// One send at a time goes through the batcher alone: the single-send path.
kfn::HttpResponse send_message(kfn::HttpRequest const& req, FakeContext& ctx) {
  chat::SendBatcher batcher(&chat::store_messages);
  return chat::handle_send_message(req, ctx, batcher);
}

}  // namespace

TEST_CASE("send takes the next seq under the room lock and publishes MessageSent in the same commit",
          "[send]") {
  auto ctx = as_user(7);
  ctx.database.answer(room_rows("direct", 41, false, {7, 8}));
  ctx.database.answer(affected(1));
  ctx.database.answer(affected(1, 500));
  auto const response = send_message(post("3", {{"content", "hi"}}), ctx);
  REQUIRE(response.status == 201);
  auto const message = body_of(response);
  CHECK(message["id"] == 500);
  CHECK(message["room_id"] == 3);
  CHECK(message["seq"] == 42);
  CHECK(message["user_id"] == 7);
  CHECK(message["content"] == "hi");
  CHECK(message["message_type"] == "text");
  CHECK(message["created_at"] == "2026-11-21T12:00:00.000Z");

  auto const& statements = ctx.database.statements;
  REQUIRE(statements.size() == 3);
  CHECK(statements[0].sql.find("FOR UPDATE") != std::string::npos);
  CHECK(statements[1].sql.find("UPDATE rooms SET last_seq") == 0);
  CHECK(std::get<std::int64_t>(statements[1].params.at(0)) == 42);
  CHECK(statements[2].sql.find("INSERT INTO messages") == 0);
  for (auto const& statement : statements) CHECK(statement.in_transaction);
  CHECK(ctx.database.commits == 1);
  REQUIRE(ctx.database.published.size() == 1);
  auto const& event = ctx.database.published[0];
  CHECK(event.type == "MessageSent");
  CHECK(event.key == "3");
  CHECK(event.data["member_ids"] == json{7, 8});
  CHECK(event.data["message"] == message);
}

TEST_CASE("send answers 404 to a non-member and to a missing room, without writing", "[send]") {
  auto ctx = as_user(9);
  ctx.database.answer(room_rows("group", 3, false, {7, 8}));
  CHECK(send_message(post("3", {{"content", "hi"}}), ctx).status == 404);
  ctx.database.answer(chat::testing::rows({}));
  auto const missing = send_message(post("4", {{"content", "hi"}}), ctx);
  CHECK(missing.status == 404);
  CHECK(body_of(missing)["error"]["code"] == "room_not_found");
  CHECK(ctx.database.commits == 0);
  CHECK(ctx.database.statements.size() == 2);
}

TEST_CASE("send answers 403 blocked in a direct room with a block", "[send]") {
  auto ctx = as_user(7);
  ctx.database.answer(room_rows("direct", 3, true, {7, 8}));
  auto const response = send_message(post("3", {{"content", "hi"}}), ctx);
  CHECK(response.status == 403);
  CHECK(body_of(response)["error"]["code"] == "blocked");
  CHECK(ctx.database.commits == 0);
}

TEST_CASE("send validates before touching the database", "[send]") {
  auto ctx = as_user(7);
  CHECK(send_message(post("3", {{"content", ""}}), ctx).status == 422);
  CHECK(send_message(post("3", {{"content", "x"}, {"message_type", "gif"}}), ctx).status == 422);
  CHECK(send_message(post("abc", {{"content", "x"}}), ctx).status == 400);
  auto req = post("3", {});
  req.body = "{not json";
  CHECK(send_message(req, ctx).status == 400);
  CHECK(ctx.database.statements.empty());
}

TEST_CASE("a repeated client_message_id rolls back and answers the first message with 200", "[send]") {
  auto ctx = as_user(7);
  ctx.database.answer(room_rows("group", 5, false, {7, 8}));
  ctx.database.answer(affected(1));
  ctx.database.answer_error(1062);
  ctx.database.answer(chat::testing::rows({chat::testing::message_row(77, 3, 5, 7, "hi")}));
  auto const response = send_message(post("3", {{"content", "hi"}, {"client_message_id", "c-1"}}), ctx);
  REQUIRE(response.status == 200);
  CHECK(body_of(response)["id"] == 77);
  CHECK(body_of(response)["seq"] == 5);
  CHECK(ctx.database.commits == 0);
  CHECK(ctx.database.rollbacks == 1);
  CHECK(ctx.database.published.empty());
  auto const& lookup = ctx.database.statements.back();
  CHECK_FALSE(lookup.in_transaction);
  CHECK(std::get<std::string>(lookup.params.at(2)) == "c-1");
}

TEST_CASE("send lets other SQL errors through to the runtime's error boundary", "[send]") {
  auto ctx = as_user(7);
  ctx.database.answer(room_rows("group", 5, false, {7, 8}));
  ctx.database.answer(affected(1));
  ctx.database.answer_error(1062);  // no client_message_id: a duplicate seq cannot be a repeat
  CHECK_THROWS_AS(send_message(post("3", {{"content", "hi"}}), ctx), kfn::SqlError);
}

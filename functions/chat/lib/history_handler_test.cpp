#include "lib/history_handler.h"

#include <catch2/catch.hpp>

#include "common/testing/fake_context.h"
#include "lib/test_rows.h"

using chat::testing::message_row;
using chat::testing::one_value;
using chat::testing::rows;
using common::testing::FakeContext;
using nlohmann::json;

namespace {

kfn::HttpRequest get(std::string query) {
  kfn::HttpRequest req;
  req.method = "GET";
  req.path_params = {{"room_id", "3"}};
  req.query = std::move(query);
  return req;
}

FakeContext as_user(std::int64_t id) {
  FakeContext ctx;
  ctx.identity = kfn::Identity{id, "jti", 1900000000};
  return ctx;
}

}  // namespace

TEST_CASE("history pages newest first below before_seq and reports has_more", "[history]") {
  auto ctx = as_user(7);
  ctx.database.answer(one_value(0));
  ctx.database.answer(
      rows({message_row(9, 3, 9, 7, "c"), message_row(8, 3, 8, 8, "b"), message_row(7, 3, 7, 7, "a")}));
  auto const response = chat::handle_history(get("before_seq=10&limit=2"), ctx);
  REQUIRE(response.status == 200);
  auto const body = json::parse(response.body);
  CHECK(body["has_more"] == true);
  REQUIRE(body["messages"].size() == 2);
  CHECK(body["messages"][0]["seq"] == 9);
  auto const& fetch = ctx.database.statements.at(1);
  CHECK(fetch.sql.find("seq < ? ORDER BY seq DESC") != std::string::npos);
  CHECK(std::get<std::int64_t>(fetch.params.at(1)) == 10);
  CHECK(std::get<std::int64_t>(fetch.params.at(2)) == 3);  // limit + 1
}

TEST_CASE("history pages oldest first above after_seq", "[history]") {
  auto ctx = as_user(7);
  ctx.database.answer(one_value(0));
  ctx.database.answer(rows({message_row(1, 3, 1, 7, "a")}));
  auto const response = chat::handle_history(get("after_seq=0"), ctx);
  auto const body = json::parse(response.body);
  CHECK(body["has_more"] == false);
  CHECK(body["messages"].size() == 1);
  CHECK(ctx.database.statements.at(1).sql.find("seq > ? ORDER BY seq ASC") != std::string::npos);
}

TEST_CASE("history answers 404 to a non-member", "[history]") {
  auto ctx = as_user(9);
  ctx.database.answer(rows({}));
  CHECK(chat::handle_history(get(""), ctx).status == 404);
  CHECK(ctx.database.statements.size() == 1);
}

TEST_CASE("history shows a deleted message with empty content", "[history]") {
  auto ctx = as_user(7);
  ctx.database.answer(one_value(0));
  ctx.database.answer(rows({message_row(1, 3, 1, 7, "", "2026-11-21 11:00:00.000", true)}));
  auto const body = json::parse(chat::handle_history(get(""), ctx).body);
  CHECK(body["messages"][0]["deleted"] == true);
  CHECK(body["messages"][0]["content"] == "");
}

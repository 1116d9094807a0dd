#include "lib/register_handler.h"

#include <catch2/catch.hpp>

#include "common/testing/fake_context.h"
#include "lib/test_rows.h"

using common::testing::FakeContext;
using nlohmann::json;

namespace {

users::Argon2Params const kFast{8, 1, 1};

kfn::HttpRequest post(std::string body) {
  kfn::HttpRequest req;
  req.method = "POST";
  req.path = "/auth/register";
  req.body = std::move(body);
  return req;
}

std::string valid_body() {
  return json{{"email", "Ann@Example.com"}, {"username", "Ann_1"}, {"password", "correct horse"}}.dump();
}

json body_of(kfn::HttpResponse const& response) { return json::parse(response.body); }

}  // namespace

TEST_CASE("register answers 400 invalid_json before touching the database", "[register]") {
  FakeContext ctx;
  auto const response = users::handle_register(post("{oops"), ctx, kFast);
  CHECK(response.status == 400);
  CHECK(body_of(response)["error"]["code"] == "invalid_json");
  CHECK(ctx.database.statements.empty());
}

TEST_CASE("register answers 422 with every bad field before touching the database", "[register]") {
  FakeContext ctx;
  auto const response = users::handle_register(
      post(json{{"email", "x"}, {"username", "a!"}, {"password", "short"}}.dump()), ctx, kFast);
  REQUIRE(response.status == 422);
  auto const fields = body_of(response)["error"]["fields"];
  CHECK(fields.contains("email"));
  CHECK(fields.contains("username"));
  CHECK(fields.contains("password"));
  CHECK(ctx.database.statements.empty());
}

TEST_CASE("register answers 409 email_taken when the lower-cased email exists", "[register]") {
  FakeContext ctx;
  ctx.database.answer_rows({common::testing::make_row({"1"}, {std::int64_t{1}})});
  auto const response = users::handle_register(post(valid_body()), ctx, kFast);
  CHECK(response.status == 409);
  CHECK(body_of(response)["error"]["code"] == "email_taken");
  CHECK(std::get<std::string>(ctx.database.statements.at(0).params.at(0)) == "ann@example.com");
  CHECK(ctx.database.commits == 0);
}

TEST_CASE("register answers 409 username_taken when the lower-cased username exists", "[register]") {
  FakeContext ctx;
  ctx.database.answer_rows({});
  ctx.database.answer_rows({common::testing::make_row({"1"}, {std::int64_t{1}})});
  auto const response = users::handle_register(post(valid_body()), ctx, kFast);
  CHECK(response.status == 409);
  CHECK(body_of(response)["error"]["code"] == "username_taken");
  CHECK(std::get<std::string>(ctx.database.statements.at(1).params.at(0)) == "ann_1");
}

TEST_CASE("register stores a hashed password and publishes UserRegistered in the same commit", "[register]") {
  FakeContext ctx;
  ctx.database.answer_rows({});
  ctx.database.answer_rows({});
  ctx.database.answer(users::testing::affected(1, 77));
  auto const response = users::handle_register(post(valid_body()), ctx, kFast);
  REQUIRE(response.status == 201);
  auto const user = body_of(response);
  CHECK(user["id"] == 77);
  CHECK(user["email"] == "Ann@Example.com");
  CHECK(user["username"] == "ann_1");
  CHECK(user["display_name"] == "ann_1");
  CHECK(user["created_at"] == "2026-11-21T12:00:00.000Z");

  auto const& insert = ctx.database.statements.at(2);
  CHECK(insert.in_transaction);
  std::string const stored_hash = std::get<std::string>(insert.params.at(3));
  CHECK(stored_hash.rfind("$argon2id$", 0) == 0);
  for (auto const& param : insert.params) {
    if (auto const* text = std::get_if<std::string>(&param)) CHECK(*text != "correct horse");
  }
  CHECK(ctx.database.commits == 1);
  REQUIRE(ctx.database.published.size() == 1);
  CHECK(ctx.database.published[0].type == "UserRegistered");
  CHECK(ctx.database.published[0].key == "77");
}

TEST_CASE("register answers 409 when a racing registration wins the unique index", "[register]") {
  FakeContext ctx;
  ctx.database.answer_rows({});
  ctx.database.answer_rows({});
  ctx.database.answer_error(1062);
  ctx.database.answer_rows({});
  ctx.database.answer_rows({common::testing::make_row({"1"}, {std::int64_t{1}})});
  auto const response = users::handle_register(post(valid_body()), ctx, kFast);
  CHECK(response.status == 409);
  CHECK(body_of(response)["error"]["code"] == "username_taken");
  CHECK(ctx.database.commits == 0);
  CHECK(ctx.database.published.empty());
}

TEST_CASE("register lets other SQL errors through to the runtime's error boundary", "[register]") {
  FakeContext ctx;
  ctx.database.answer_rows({});
  ctx.database.answer_rows({});
  ctx.database.answer_error(1213);  // deadlock
  CHECK_THROWS_AS(users::handle_register(post(valid_body()), ctx, kFast), kfn::SqlError);
}

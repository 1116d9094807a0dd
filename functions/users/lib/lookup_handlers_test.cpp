#include "lib/lookup_handlers.h"

#include <catch2/catch.hpp>

#include "common/testing/fake_context.h"
#include "lib/test_rows.h"

using common::testing::FakeContext;
using nlohmann::json;

namespace {

FakeContext signed_in(std::int64_t id = 42) {
  FakeContext ctx;
  ctx.identity = kfn::Identity{id, "jti-1", 1795263000};
  return ctx;
}

kfn::HttpRequest with_query(std::string query) {
  kfn::HttpRequest req;
  req.method = "GET";
  req.query = std::move(query);
  return req;
}

kfn::HttpRequest with_id(std::string id) {
  kfn::HttpRequest req;
  req.path_params.emplace_back("id", std::move(id));
  return req;
}

json body_of(kfn::HttpResponse const& response) { return json::parse(response.body); }

}  // namespace

TEST_CASE("GET /users/{id} answers PublicUser or 404 user_not_found", "[lookups]") {
  auto ctx = signed_in();
  ctx.database.answer_rows({users::testing::account_row(7, "ann", "$hash")});
  auto const found = users::handle_user_get(with_id("7"), ctx);
  REQUIRE(found.status == 200);
  auto const user = body_of(found);
  CHECK(user["id"] == 7);
  CHECK(user["username"] == "ann");
  CHECK_FALSE(user.contains("email"));
  CHECK_FALSE(user.contains("password_hash"));

  auto missing = signed_in();
  missing.database.answer_rows({});
  auto const not_found = users::handle_user_get(with_id("8"), missing);
  CHECK(not_found.status == 404);
  CHECK(body_of(not_found)["error"]["code"] == "user_not_found");
  CHECK(users::handle_user_get(with_id("abc"), missing).status == 400);
}

TEST_CASE("GET /users answers the known ids in the asked order and leaves unknown ones out", "[lookups]") {
  auto ctx = signed_in();
  ctx.database.answer_rows(
      {users::testing::account_row(1, "ann", "$h"), users::testing::account_row(3, "cy", "$h")});
  auto const response = users::handle_users_batch(with_query("user_ids=3%2C2,1"), ctx);
  REQUIRE(response.status == 200);
  auto const listed = body_of(response)["users"];
  REQUIRE(listed.size() == 2);
  CHECK(listed[0]["id"] == 3);
  CHECK(listed[1]["id"] == 1);
  CHECK(ctx.database.statements.at(0).params.size() == 3);
}

TEST_CASE("GET /users refuses a malformed or missing list with 422", "[lookups]") {
  auto ctx = signed_in();
  for (char const* query : {"user_ids=1,a", "", "user_ids=0"}) {
    auto const response = users::handle_users_batch(with_query(query), ctx);
    CHECK(response.status == 422);
    CHECK(body_of(response)["error"]["fields"].contains("user_ids"));
  }
  CHECK(ctx.database.statements.empty());
}

TEST_CASE("search binds the escaped prefixes, the caller twice and the limit", "[lookups]") {
  auto ctx = signed_in(42);
  ctx.database.answer_rows({users::testing::account_row(7, "al_bert", "$h")});
  auto const response = users::handle_users_search(with_query("query=Al_&limit=5"), ctx);
  REQUIRE(response.status == 200);
  CHECK(body_of(response)["users"][0]["username"] == "al_bert");
  auto const& statement = ctx.database.statements.at(0);
  CHECK(statement.sql.find("user_blocks") != std::string::npos);
  REQUIRE(statement.params.size() == 5);
  CHECK(std::get<std::int64_t>(statement.params[0]) == 42);
  CHECK(std::get<std::string>(statement.params[1]) == "al\\_%");
  CHECK(std::get<std::string>(statement.params[2]) == "Al\\_%");
  CHECK(std::get<std::int64_t>(statement.params[3]) == 42);
  CHECK(std::get<std::int64_t>(statement.params[4]) == 5);
}

TEST_CASE("search for text no username can hold looks at display names only", "[lookups]") {
  auto ctx = signed_in(42);
  CHECK(users::handle_users_search(with_query("query=Ann%20B"), ctx).status == 200);
  auto const& statement = ctx.database.statements.at(0);
  CHECK(statement.sql.find("username LIKE") == std::string::npos);
  REQUIRE(statement.params.size() == 4);
  CHECK(std::get<std::string>(statement.params[1]) == "Ann B%");
}

TEST_CASE("search refuses a bad query or limit with 422 before the database", "[lookups]") {
  auto ctx = signed_in();
  CHECK(users::handle_users_search(with_query("limit=5"), ctx).status == 422);
  CHECK(users::handle_users_search(with_query("query=al&limit=100"), ctx).status == 422);
  CHECK(ctx.database.statements.empty());
}

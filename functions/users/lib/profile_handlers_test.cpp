#include "lib/profile_handlers.h"

#include <catch2/catch.hpp>

#include "common/testing/fake_context.h"
#include "lib/test_rows.h"

using common::testing::FakeContext;
using nlohmann::json;

namespace {

kfn::HttpRequest put(json const& body) {
  kfn::HttpRequest req;
  req.method = "PUT";
  req.body = body.dump();
  return req;
}

FakeContext signed_in_context() {
  FakeContext ctx;
  ctx.identity = kfn::Identity{42, "jti-1", 1795263000};
  return ctx;
}

}  // namespace

TEST_CASE("profile reads need a caller whose account still exists", "[profile_handlers]") {
  FakeContext anonymous;
  CHECK(users::handle_profile_get({}, anonymous).status == 401);
  auto deleted = signed_in_context();
  deleted.database.answer_rows({});
  CHECK(users::handle_profile_get({}, deleted).status == 401);
}

TEST_CASE("profile read answers the caller's User", "[profile_handlers]") {
  auto ctx = signed_in_context();
  ctx.database.answer_rows({users::testing::account_row(42, "ann", "$hash")});
  auto const response = users::handle_profile_get({}, ctx);
  REQUIRE(response.status == 200);
  auto const user = json::parse(response.body);
  CHECK(user["id"] == 42);
  CHECK(user["email"] == "ann@example.com");
  CHECK(std::get<std::int64_t>(ctx.database.statements.at(0).params.at(0)) == 42);
}

TEST_CASE("profile update refuses bad JSON and bad fields before touching the database",
          "[profile_handlers]") {
  auto ctx = signed_in_context();
  kfn::HttpRequest malformed;
  malformed.body = "[]";
  CHECK(users::handle_profile_put(malformed, ctx).status == 400);
  auto const invalid = users::handle_profile_put(put({{"avatar_url", "javascript:alert(1)"}}), ctx);
  CHECK(invalid.status == 422);
  CHECK(json::parse(invalid.body)["error"]["fields"].contains("avatar_url"));
  CHECK(ctx.database.statements.empty());
}

TEST_CASE("profile update saves the change and publishes UserProfileUpdated in one commit",
          "[profile_handlers]") {
  auto ctx = signed_in_context();
  ctx.database.answer_rows({users::testing::account_row(42, "ann", "$hash")});
  auto const response = users::handle_profile_put(
      put({{"display_name", "Ann A."}, {"status_message", "hi"}, {"ignored", 1}}), ctx);
  REQUIRE(response.status == 200);
  auto const user = json::parse(response.body);
  CHECK(user["display_name"] == "Ann A.");
  CHECK(user["status_message"] == "hi");
  CHECK(user["avatar_url"].is_null());

  CHECK(ctx.database.statements.at(0).sql.find("FOR UPDATE") != std::string::npos);
  auto const& update = ctx.database.statements.at(1);
  CHECK(std::get<std::string>(update.params.at(0)) == "Ann A.");
  CHECK(std::get<std::string>(update.params.at(1)) == "hi");
  CHECK(std::holds_alternative<std::nullptr_t>(update.params.at(2)));
  CHECK(std::get<std::string>(update.params.at(3)) == "2026-11-21 12:00:00.000");
  CHECK(ctx.database.commits == 1);
  REQUIRE(ctx.database.published.size() == 1);
  CHECK(ctx.database.published[0].type == "UserProfileUpdated");
  CHECK(ctx.database.published[0].data["updated_at"] == "2026-11-21T12:00:00.000Z");
}

TEST_CASE("profile update with nothing to change answers the User without an event", "[profile_handlers]") {
  auto ctx = signed_in_context();
  ctx.database.answer_rows({users::testing::account_row(42, "ann", "$hash")});
  CHECK(users::handle_profile_put(put(json::object()), ctx).status == 200);
  CHECK(ctx.database.published.empty());
  CHECK(ctx.database.statements.size() == 1);
}

TEST_CASE("profile update answers 401 when the account was deleted meanwhile", "[profile_handlers]") {
  auto ctx = signed_in_context();
  ctx.database.answer_rows({});
  CHECK(users::handle_profile_put(put({{"display_name", "X"}}), ctx).status == 401);
  CHECK(ctx.database.commits == 0);
}

#include "lib/refresh_handler.h"

#include <catch2/catch.hpp>

#include "common/testing/fake_context.h"
#include "lib/test_rows.h"
#include "lib/token_crypto.h"

using common::testing::FakeContext;
using common::testing::make_row;
using nlohmann::json;

namespace {

constexpr std::chrono::seconds kTtl = std::chrono::hours(24 * 30);

kfn::HttpRequest refresh_request(std::string const& token) {
  kfn::HttpRequest req;
  req.method = "POST";
  req.body = json{{"refresh_token", token}}.dump();
  return req;
}

kfn::Row token_row(std::string const& expires_at, bool used, bool revoked) {
  return make_row({"id", "user_id", "family_id", "expires_at", "used", "revoked"},
                  {std::int64_t{5}, std::int64_t{42}, std::string("fam"), expires_at,
                   std::int64_t{used ? 1 : 0}, std::int64_t{revoked ? 1 : 0}});
}

}  // namespace

TEST_CASE("refresh answers 400 for a body that is not JSON and 422 without a token", "[refresh]") {
  FakeContext ctx;
  kfn::HttpRequest req;
  req.body = "nope";
  CHECK(users::handle_refresh(req, ctx, kTtl).status == 400);
  req.body = "{}";
  CHECK(users::handle_refresh(req, ctx, kTtl).status == 422);
  req.body = json{{"refresh_token", std::string(257, 't')}}.dump();
  CHECK(users::handle_refresh(req, ctx, kTtl).status == 422);
  CHECK(ctx.database.statements.empty());
}

TEST_CASE("refresh answers 401 for a token it never issued", "[refresh]") {
  FakeContext ctx;
  ctx.database.answer_rows({});
  auto const response = users::handle_refresh(refresh_request("unknown"), ctx, kTtl);
  CHECK(response.status == 401);
  CHECK(json::parse(response.body)["error"]["code"] == "unauthorized");
  CHECK(std::get<std::string>(ctx.database.statements.at(0).params.at(0)) ==
        users::hex_encode(users::sha256("unknown")));
  CHECK(ctx.database.statements.at(0).sql.find("FOR UPDATE") != std::string::npos);
}

TEST_CASE("refresh rotates a live token within its family", "[refresh]") {
  FakeContext ctx;
  ctx.database.answer_rows({token_row("2026-12-01 00:00:00.000", false, false)});
  ctx.database.answer(users::testing::affected(1));
  ctx.database.answer_rows({users::testing::account_row(42, "ann", "$hash")});
  auto const response = users::handle_refresh(refresh_request("old-token"), ctx, kTtl);
  REQUIRE(response.status == 200);
  auto const token = json::parse(response.body);
  CHECK(token["refresh_token"] != "old-token");
  CHECK(token["user"]["id"] == 42);
  auto const& mark = ctx.database.statements.at(1);
  CHECK(mark.sql.find("used_at IS NULL") != std::string::npos);
  auto const& insert = ctx.database.statements.at(3);
  CHECK(std::get<std::string>(insert.params.at(1)) == "fam");
  CHECK(ctx.database.commits == 1);
  CHECK(ctx.fake_tokens.revoked.empty());
}

TEST_CASE("refresh of a spent token revokes the family's tokens and answers 401", "[refresh]") {
  FakeContext ctx;
  ctx.database.answer_rows({token_row("2026-12-01 00:00:00.000", true, false)});
  ctx.database.answer_rows(
      {make_row({"access_jti", "access_expires_at"}, {std::string("jti-a"), std::int64_t{1795263000}}),
       make_row({"access_jti", "access_expires_at"}, {std::string("jti-b"), std::int64_t{1795263300}})});
  auto const response = users::handle_refresh(refresh_request("stolen"), ctx, kTtl);
  CHECK(response.status == 401);
  CHECK(ctx.fake_tokens.revoked ==
        std::vector<std::pair<std::string, std::int64_t>>{{"jti-a", 1795263000}, {"jti-b", 1795263300}});
  auto const& revoke = ctx.database.statements.at(2);
  CHECK(revoke.sql.find("SET revoked_at") != std::string::npos);
  CHECK(std::get<std::string>(revoke.params.at(1)) == "fam");
  CHECK(ctx.database.commits == 1);  // the revocation sticks although the answer is an error
  CHECK(ctx.fake_tokens.issued.empty());
}

TEST_CASE("refresh answers 401 for expired and revoked tokens without issuing anything", "[refresh]") {
  for (auto const& row : {token_row("2026-11-21 12:00:00.000", false, false),  // expires exactly now
                          token_row("2026-12-01 00:00:00.000", false, true)}) {
    FakeContext ctx;
    ctx.database.answer_rows({row});
    CHECK(users::handle_refresh(refresh_request("t"), ctx, kTtl).status == 401);
    CHECK(ctx.database.commits == 0);
    CHECK(ctx.fake_tokens.issued.empty());
  }
}

TEST_CASE("refresh answers 401 when a concurrent use marked the token first", "[refresh]") {
  FakeContext ctx;
  ctx.database.answer_rows({token_row("2026-12-01 00:00:00.000", false, false)});
  ctx.database.answer(users::testing::affected(0));
  CHECK(users::handle_refresh(refresh_request("t"), ctx, kTtl).status == 401);
  CHECK(ctx.database.commits == 0);
  CHECK(ctx.fake_tokens.issued.empty());
}

TEST_CASE("refresh answers 401 when the account was deleted meanwhile", "[refresh]") {
  FakeContext ctx;
  ctx.database.answer_rows({token_row("2026-12-01 00:00:00.000", false, false)});
  ctx.database.answer(users::testing::affected(1));
  ctx.database.answer_rows({});
  CHECK(users::handle_refresh(refresh_request("t"), ctx, kTtl).status == 401);
  CHECK(ctx.database.commits == 0);
}

TEST_CASE("refresh of a spent token revokes the family even after the token expired", "[refresh]") {
  FakeContext ctx;
  ctx.database.answer_rows({token_row("2026-01-01 00:00:00.000", true, false)});
  ctx.database.answer_rows({});
  CHECK(users::handle_refresh(refresh_request("old"), ctx, kTtl).status == 401);
  CHECK(ctx.database.statements.at(2).sql.find("SET revoked_at") != std::string::npos);
  CHECK(ctx.database.commits == 1);
}

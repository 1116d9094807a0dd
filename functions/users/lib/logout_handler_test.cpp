#include "lib/logout_handler.h"

#include <catch2/catch.hpp>

#include "common/testing/fake_context.h"

using common::testing::FakeContext;
using common::testing::make_row;

TEST_CASE("logout without a caller answers 401", "[logout]") {
  FakeContext ctx;
  CHECK(users::handle_logout({}, ctx).status == 401);
  CHECK(ctx.fake_tokens.revoked.empty());
}

TEST_CASE("logout revokes the caller's token and the refresh family issued with it", "[logout]") {
  FakeContext ctx;
  ctx.identity = kfn::Identity{42, "jti-9", 1795263000};
  ctx.database.answer_rows({make_row({"family_id"}, {std::string("fam")})});
  ctx.database.answer_rows(
      {make_row({"access_jti", "access_expires_at"}, {std::string("jti-8"), std::int64_t{1795262900}})});
  auto const response = users::handle_logout({}, ctx);
  CHECK(response.status == 204);
  CHECK(ctx.fake_tokens.revoked.at(0) == std::pair<std::string, std::int64_t>{"jti-9", 1795263000});
  CHECK(ctx.fake_tokens.revoked.at(1) == std::pair<std::string, std::int64_t>{"jti-8", 1795262900});
  auto const& find = ctx.database.statements.at(0);
  CHECK(std::get<std::string>(find.params.at(0)) == "jti-9");
  CHECK(std::get<std::int64_t>(find.params.at(1)) == 42);
  CHECK(ctx.database.statements.at(2).sql.find("SET revoked_at") != std::string::npos);
  CHECK(ctx.database.commits == 1);
}

TEST_CASE("logout of a token without a refresh family still revokes the token", "[logout]") {
  FakeContext ctx;
  ctx.identity = kfn::Identity{42, "jti-9", 1795263000};
  ctx.database.answer_rows({});
  CHECK(users::handle_logout({}, ctx).status == 204);
  CHECK(ctx.fake_tokens.revoked.size() == 1);
  CHECK(ctx.database.statements.size() == 1);
}

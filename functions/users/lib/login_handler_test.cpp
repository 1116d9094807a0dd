#include "lib/login_handler.h"

#include <catch2/catch.hpp>

#include "common/testing/fake_context.h"
#include "lib/test_rows.h"
#include "lib/token_crypto.h"

using common::testing::FakeContext;
using nlohmann::json;

namespace {

users::Argon2Params const kFast{8, 1, 1};

users::LoginSettings fast_settings() {
  common::testing::FakeConfig config;
  config.values = {{"KFN_ARGON2_MEMORY_KIB", "8"}, {"KFN_ARGON2_ITERATIONS", "1"}};
  return users::make_login_settings(config);
}

kfn::HttpRequest request_from(std::string ip) {
  kfn::HttpRequest req;
  req.method = "POST";
  req.remote_address = std::move(ip);
  return req;
}

users::LoginAttempt attempt(std::string identifier, std::string password) {
  return {std::move(identifier), false, std::move(password)};
}

}  // namespace

TEST_CASE("make_login_settings prepares a dummy hash with the configured parameters", "[login]") {
  auto const settings = fast_settings();
  CHECK(settings.dummy_hash.rfind("$argon2id$v=19$m=8,t=1,p=1$", 0) == 0);
  CHECK(settings.policy.account_max_failures == 5);
  CHECK(settings.refresh_ttl == std::chrono::hours(24 * 30));
}

TEST_CASE("login answers 429 with Retry-After before looking at the account", "[login]") {
  FakeContext ctx;
  ctx.fake_redis.keys["users:login_failures:account:ann"] = {"5", 300};
  auto const response =
      users::handle_login(attempt("ann", "pw"), request_from("10.0.0.1"), ctx, fast_settings());
  CHECK(response.status == 429);
  CHECK(json::parse(response.body)["error"]["code"] == "rate_limited");
  CHECK(response.headers.get("Retry-After") == "300");
  CHECK(ctx.database.statements.empty());
}

TEST_CASE("login answers 429 after 30 failures from one IP whatever the account", "[login]") {
  FakeContext ctx;
  ctx.fake_redis.keys["users:login_failures:ip:10.0.0.9"] = {"30", 45};
  auto const response =
      users::handle_login(attempt("zed", "pw"), request_from("10.0.0.9"), ctx, fast_settings());
  CHECK(response.status == 429);
  CHECK(response.headers.get("Retry-After") == "45");
}

TEST_CASE("login answers an unknown account and a wrong password with the same bytes", "[login]") {
  auto const settings = fast_settings();
  FakeContext unknown_ctx;
  unknown_ctx.database.answer_rows({});
  auto const unknown =
      users::handle_login(attempt("ghost", "pw123456"), request_from("10.0.0.1"), unknown_ctx, settings);

  FakeContext wrong_ctx;
  wrong_ctx.database.answer_rows(
      {users::testing::account_row(7, "ann", users::hash_password("right one", kFast))});
  auto const wrong =
      users::handle_login(attempt("ann", "pw123456"), request_from("10.0.0.1"), wrong_ctx, settings);

  CHECK(unknown.status == 401);
  CHECK(wrong.status == 401);
  CHECK(unknown.body == wrong.body);
  CHECK(json::parse(wrong.body)["error"]["code"] == "invalid_credentials");
  CHECK(unknown_ctx.fake_redis.keys.at("users:login_failures:account:ghost").value == "1");
  CHECK(wrong_ctx.fake_redis.keys.at("users:login_failures:account:ann").value == "1");
  CHECK(wrong_ctx.fake_redis.keys.at("users:login_failures:ip:10.0.0.1").value == "1");
  CHECK(wrong_ctx.database.commits == 0);
}

TEST_CASE("login with the right password issues a Token and stores only the refresh token's hash",
          "[login]") {
  FakeContext ctx;
  ctx.database.answer_rows({users::testing::account_row(7, "ann", users::hash_password("right one", kFast))});
  auto const response =
      users::handle_login(attempt("ann", "right one"), request_from("10.0.0.1"), ctx, fast_settings());
  REQUIRE(response.status == 200);
  auto const token = json::parse(response.body);
  CHECK(token["access_token"] == "access-1");
  CHECK(token["token_type"] == "bearer");
  CHECK(token["expires_in"] == 900);
  CHECK(token["user"]["id"] == 7);
  std::string const refresh = token["refresh_token"];
  CHECK(refresh.size() == 43);

  auto const& insert = ctx.database.statements.at(1);
  CHECK(insert.in_transaction);
  CHECK(std::get<std::int64_t>(insert.params.at(0)) == 7);
  CHECK(std::get<std::string>(insert.params.at(1)).size() == 32);  // a new family
  CHECK(std::get<std::string>(insert.params.at(2)) == users::hex_encode(users::sha256(refresh)));
  CHECK(std::get<std::string>(insert.params.at(3)) == "jti-1");
  CHECK(std::get<std::int64_t>(insert.params.at(4)) == 1795262400 + 900);
  CHECK(std::get<std::string>(insert.params.at(6)) == "2026-12-21 12:00:00.000");  // 30 days on
  CHECK(ctx.database.commits == 1);
  CHECK(ctx.fake_redis.keys.count("users:login_failures:account:ann") == 0);  // successes do not count
}

TEST_CASE("login looks an email up by email_lower and a username by username", "[login]") {
  FakeContext ctx;
  ctx.database.answer_rows({});
  ctx.database.answer_rows({});
  users::handle_login({"ann@example.com", true, "pw"}, request_from(""), ctx, fast_settings());
  users::handle_login(attempt("ann", "pw"), request_from(""), ctx, fast_settings());
  CHECK(ctx.database.statements.at(0).sql.find("email_lower = ?") != std::string::npos);
  CHECK(ctx.database.statements.at(1).sql.find("username = ?") != std::string::npos);
}

#include "lib/account.h"

#include <catch2/catch.hpp>

#include "common/testing/scripted_database.h"

namespace {

users::Account sample_account() {
  users::Account account;
  account.id = 42;
  account.email = "Alice@Example.com";
  account.username = "alice";
  account.password_hash = "$argon2id$secret";
  account.display_name = "Alice";
  account.created_at = "2026-11-21 12:00:00.123";
  account.updated_at = "2026-11-21 12:00:00.123";
  return account;
}

}  // namespace

TEST_CASE("user_json has exactly API.md's User fields, with null for unset ones", "[account]") {
  auto const user = users::user_json(sample_account());
  CHECK(user.size() == 7);
  CHECK(user["id"] == 42);
  CHECK(user["email"] == "Alice@Example.com");
  CHECK(user["username"] == "alice");
  CHECK(user["display_name"] == "Alice");
  CHECK(user["status_message"].is_null());
  CHECK(user["avatar_url"].is_null());
  CHECK(user["created_at"] == "2026-11-21T12:00:00.123Z");
  CHECK_FALSE(user.contains("password_hash"));
}

TEST_CASE("user_json shows a set status message and avatar", "[account]") {
  auto account = sample_account();
  account.status_message = "hi";
  account.avatar_url = "https://example.com/a.png";
  auto const user = users::user_json(account);
  CHECK(user["status_message"] == "hi");
  CHECK(user["avatar_url"] == "https://example.com/a.png");
}

TEST_CASE("token_json is API.md's Token with a bearer type and the user", "[account]") {
  auto const token = users::token_json({"access.jwt", "jti-1", 900}, "refresh-token", sample_account());
  CHECK(token.size() == 5);
  CHECK(token["access_token"] == "access.jwt");
  CHECK(token["token_type"] == "bearer");
  CHECK(token["expires_in"] == 900);
  CHECK(token["refresh_token"] == "refresh-token");
  CHECK(token["user"]["id"] == 42);
}

TEST_CASE("account_from_row reads the columns of kAccountColumns in order", "[account]") {
  auto const row = common::testing::make_row(
      {"id", "email", "username", "password_hash", "display_name", "status_message", "avatar_url",
       "created_at", "updated_at"},
      {std::int64_t{9}, std::string("e@x.io"), std::string("eve"), std::string("$h"), std::string("Eve"),
       nullptr, std::string("https://x.io/a"), std::string("2026-01-01 00:00:00.000"),
       std::string("2026-01-02 00:00:00.000")});
  auto const account = users::account_from_row(row);
  CHECK(account.id == 9);
  CHECK(account.username == "eve");
  CHECK_FALSE(account.status_message);
  CHECK(account.avatar_url == "https://x.io/a");
  CHECK(account.updated_at == "2026-01-02 00:00:00.000");
}

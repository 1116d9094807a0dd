#include "lib/login_request.h"

#include <catch2/catch.hpp>

using nlohmann::json;

namespace {

template <class Result>
users::LoginAttempt attempt_of(Result const& result) {
  REQUIRE(std::holds_alternative<users::LoginAttempt>(result));
  return std::get<users::LoginAttempt>(result);
}

template <class Result>
common::FieldErrors errors_of(Result const& result) {
  REQUIRE(std::holds_alternative<common::FieldErrors>(result));
  return std::get<common::FieldErrors>(result);
}

}  // namespace

TEST_CASE("the login form takes a username or an email in the username field", "[login_request]") {
  auto const by_name = attempt_of(users::login_from_form("username=Alice&password=correct+horse"));
  CHECK(by_name.identifier == "alice");
  CHECK_FALSE(by_name.by_email);
  CHECK(by_name.password == "correct horse");

  auto const by_email = attempt_of(users::login_from_form("username=Alice%40Example.com&password=x"));
  CHECK(by_email.identifier == "alice@example.com");
  CHECK(by_email.by_email);
}

TEST_CASE("the login form reports missing and oversized fields", "[login_request]") {
  auto const missing = errors_of(users::login_from_form("grant_type=password"));
  CHECK(missing.fields().at("username") == "is required");
  CHECK(missing.fields().at("password") == "is required");
  auto const too_long = errors_of(users::login_from_form("username=a&password=" + std::string(129, 'p')));
  CHECK(too_long.has("password"));
  CHECK_FALSE(too_long.has("username"));
  CHECK(errors_of(users::login_from_form("username=&password=x")).has("username"));
}

TEST_CASE("the JSON login prefers email and falls back to username", "[login_request]") {
  auto const by_email = attempt_of(users::login_from_json({{"email", "A@B.co"}, {"password", "pw"}}));
  CHECK(by_email.identifier == "a@b.co");
  CHECK(by_email.by_email);
  auto const by_name = attempt_of(users::login_from_json({{"username", "Bob"}, {"password", "pw"}}));
  CHECK(by_name.identifier == "bob");
  CHECK_FALSE(by_name.by_email);
  auto const email_null =
      attempt_of(users::login_from_json({{"email", nullptr}, {"username", "bob"}, {"password", "pw"}}));
  CHECK(email_null.identifier == "bob");
}

TEST_CASE("the JSON login reports a missing identifier, a missing password and wrong types",
          "[login_request]") {
  auto const errors = errors_of(users::login_from_json({{"password", 5}}));
  CHECK(errors.fields().at("username") == "email or username is required");
  CHECK(errors.fields().at("password") == "must be a string");
  CHECK(
      errors_of(users::login_from_json({{"email", std::string(255, 'e')}, {"password", "pw"}})).has("email"));
}

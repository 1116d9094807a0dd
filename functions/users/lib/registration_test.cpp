#include "lib/registration.h"

#include <catch2/catch.hpp>

using nlohmann::json;

namespace {

json valid_body() {
  return {{"email", "Alice@Example.com"}, {"username", "Alice_01"}, {"password", "correct horse"}};
}

common::FieldErrors errors_of(json const& body) {
  auto result = users::validate_registration(body);
  REQUIRE(std::holds_alternative<common::FieldErrors>(result));
  return std::get<common::FieldErrors>(result);
}

users::NewAccount account_of(json const& body) {
  auto result = users::validate_registration(body);
  REQUIRE(std::holds_alternative<users::NewAccount>(result));
  return std::get<users::NewAccount>(result);
}

}  // namespace

TEST_CASE("is_valid_email accepts ordinary addresses", "[registration]") {
  for (char const* email : {"a@b.co", "first.last@example.com", "x+tag@sub.example.org", "o'neil@example.ie",
                            "user@xn--bcher-kva.example", "a-b@a-b.example"}) {
    CHECK(users::is_valid_email(email));
  }
}

TEST_CASE("is_valid_email refuses malformed addresses", "[registration]") {
  for (char const* email : {"", "plain", "@example.com", "a@", "a@b", "a@.com", "a@b..com", "a@-b.com",
                            "a@b-.com", ".a@b.com", "a.@b.com", "a..b@c.com", "a b@c.com", "a@b c.com",
                            "a@b.123", "a@@b.com", "a\"b@c.com", "\xC3\xA9@b.com", "a@b.com."}) {
    CHECK_FALSE(users::is_valid_email(email));
  }
}

TEST_CASE("is_valid_email bounds the local part to 64 and the whole to 254 characters", "[registration]") {
  CHECK(users::is_valid_email(std::string(64, 'a') + "@b.com"));
  CHECK_FALSE(users::is_valid_email(std::string(65, 'a') + "@b.com"));
  std::string const domain_248 = std::string(60, 'd') + "." + std::string(60, 'd') + "." +
                                 std::string(60, 'd') + "." + std::string(60, 'd') +
                                 ".com";                        // 4*60 + 4 dots + 3 = 247
  CHECK(users::is_valid_email("abcdef@" + domain_248));         // 254 characters
  CHECK_FALSE(users::is_valid_email("abcdefg@" + domain_248));  // 255 characters
}

TEST_CASE("is_valid_username accepts 3 to 20 of a-z, 0-9 and underscore in any case", "[registration]") {
  CHECK(users::is_valid_username("abc"));
  CHECK(users::is_valid_username(std::string(20, 'z')));
  CHECK(users::is_valid_username("Mixed_Case_9"));
  CHECK_FALSE(users::is_valid_username("ab"));
  CHECK_FALSE(users::is_valid_username(std::string(21, 'z')));
  for (char const* name : {"a-b", "a.b", "a b", "a@b", "\xC3\xA9t\xC3\xA9"})
    CHECK_FALSE(users::is_valid_username(name));
}

TEST_CASE("password_problem enforces 8 to 128 characters", "[registration]") {
  CHECK_FALSE(users::password_problem("12345678", "a@b.com", "alice"));
  CHECK_FALSE(users::password_problem(std::string(128, 'p'), "a@b.com", "alice"));
  CHECK(users::password_problem("1234567", "a@b.com", "alice") == "must be at least 8 characters");
  CHECK(users::password_problem(std::string(129, 'p'), "a@b.com", "alice") ==
        "must be at most 128 characters");
  // Eight two-byte characters are eight characters.
  CHECK_FALSE(
      users::password_problem("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", "", ""));
}

TEST_CASE("password_problem refuses the email or username in any case", "[registration]") {
  CHECK(users::password_problem("ALICE@EXAMPLE.COM", "alice@example.com", "alice") ==
        "must not be the email");
  CHECK(users::password_problem("Alice_Wonder", "a@b.com", "alice_wonder") == "must not be the username");
  CHECK_FALSE(users::password_problem("alice_wonder1", "a@b.com", "alice_wonder"));
}

TEST_CASE("validate_registration lower-cases the username and email key but keeps the email",
          "[registration]") {
  auto const account = account_of(valid_body());
  CHECK(account.email == "Alice@Example.com");
  CHECK(account.email_lower == "alice@example.com");
  CHECK(account.username == "alice_01");
  CHECK(account.password == "correct horse");
  CHECK(account.display_name == "alice_01");  // defaults to the username
}

TEST_CASE("validate_registration keeps a given display name up to 50 characters", "[registration]") {
  json body = valid_body();
  body["display_name"] = std::string(50, 'n');
  CHECK(account_of(body).display_name == std::string(50, 'n'));
  body["display_name"] = nullptr;
  CHECK(account_of(body).display_name == "alice_01");
}

TEST_CASE("validate_registration reports every bad field at once", "[registration]") {
  auto const errors =
      errors_of({{"email", "nope"}, {"username", "a!"}, {"password", "short"}, {"display_name", 5}});
  CHECK(errors.fields().at("email") == "must be a valid email address");
  CHECK(errors.fields().at("username") == "must be at least 3 characters");
  CHECK(errors.fields().at("password") == "must be at least 8 characters");
  CHECK(errors.fields().at("display_name") == "must be a string");
}

TEST_CASE("validate_registration reports missing fields as required", "[registration]") {
  auto const errors = errors_of(json::object());
  CHECK(errors.fields().at("email") == "is required");
  CHECK(errors.fields().at("username") == "is required");
  CHECK(errors.fields().at("password") == "is required");
  CHECK_FALSE(errors.has("display_name"));
}

TEST_CASE("validate_registration refuses fields just past their bounds", "[registration]") {
  json body = valid_body();
  body["display_name"] = std::string(51, 'n');
  CHECK(errors_of(body).has("display_name"));
  body = valid_body();
  body["display_name"] = "";
  CHECK(errors_of(body).has("display_name"));
  body = valid_body();
  body["display_name"] = "tab\there";
  CHECK(errors_of(body).fields().at("display_name") == "must not contain control characters");
  body = valid_body();
  body["username"] = std::string(21, 'u');
  CHECK(errors_of(body).fields().at("username") == "must be at most 20 characters");
  body = valid_body();
  body["email"] = std::string(250, 'e') + "@b.co";
  CHECK(errors_of(body).fields().at("email") == "must be at most 254 characters");
  body = valid_body();
  body["password"] = "alice_01";
  CHECK(errors_of(body).fields().at("password") == "must not be the username");
}

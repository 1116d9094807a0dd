#include "lib/profile_update.h"

#include <catch2/catch.hpp>

using nlohmann::json;

namespace {

users::ProfileUpdate update_of(json const& body) {
  auto result = users::validate_profile_update(body);
  REQUIRE(std::holds_alternative<users::ProfileUpdate>(result));
  return std::get<users::ProfileUpdate>(result);
}

common::FieldErrors errors_of(json const& body) {
  auto result = users::validate_profile_update(body);
  REQUIRE(std::holds_alternative<common::FieldErrors>(result));
  return std::get<common::FieldErrors>(result);
}

users::Account sample_account() {
  users::Account account;
  account.id = 7;
  account.display_name = "Old";
  account.status_message = "busy";
  account.avatar_url = "https://example.com/old.png";
  return account;
}

}  // namespace

TEST_CASE("is_valid_avatar_url accepts http and https URLs with a host", "[profile]") {
  for (char const* url : {"https://example.com/a.png", "http://example.com", "HTTPS://EXAMPLE.COM/x?y=1#z",
                          "https://user@host:8443/p", "http://[::1]:8080/a"}) {
    CHECK(users::is_valid_avatar_url(url));
  }
}

TEST_CASE("is_valid_avatar_url refuses other schemes, missing hosts and unsafe characters", "[profile]") {
  for (char const* url :
       {"javascript:alert(1)", "ftp://example.com/a", "data:image/png;base64,AAAA", "https://",
        "https:///path", "http://:80/", "https://exa mple.com", "https://example.com/\"x",
        "https://example.com/<x>", "//example.com/a", "example.com/a.png"}) {
    CHECK_FALSE(users::is_valid_avatar_url(url));
  }
}

TEST_CASE("is_valid_avatar_url allows 512 characters and no more", "[profile]") {
  std::string const prefix = "https://example.com/";
  CHECK(users::is_valid_avatar_url(prefix + std::string(512 - prefix.size(), 'a')));
  CHECK_FALSE(users::is_valid_avatar_url(prefix + std::string(513 - prefix.size(), 'a')));
}

TEST_CASE("validate_profile_update reads only the fields that were sent", "[profile]") {
  auto const update = update_of({{"display_name", "New"}, {"unknown", 1}});
  CHECK(update.display_name == "New");
  CHECK_FALSE(update.status_message.present);
  CHECK_FALSE(update.avatar_url.present);
  CHECK(update_of(json::object()).empty());
}

TEST_CASE("validate_profile_update clears status_message with null or an empty string", "[profile]") {
  for (json const& value : {json(nullptr), json("")}) {
    auto const update = update_of({{"status_message", value}});
    CHECK(update.status_message.present);
    CHECK_FALSE(update.status_message.value);
  }
  auto const cleared_avatar = update_of({{"avatar_url", nullptr}});
  CHECK(cleared_avatar.avatar_url.present);
  CHECK_FALSE(cleared_avatar.avatar_url.value);
}

TEST_CASE("validate_profile_update enforces each field's bounds on both sides", "[profile]") {
  CHECK(update_of({{"display_name", std::string(50, 'n')}}).display_name);
  CHECK(update_of({{"status_message", std::string(140, 's')}}).status_message.value);
  CHECK(errors_of({{"display_name", ""}}).has("display_name"));
  CHECK(errors_of({{"display_name", std::string(51, 'n')}}).has("display_name"));
  CHECK(errors_of({{"display_name", nullptr}}).fields().at("display_name") == "cannot be cleared");
  CHECK(errors_of({{"status_message", std::string(141, 's')}}).has("status_message"));
  CHECK(errors_of({{"avatar_url", ""}}).has("avatar_url"));
  CHECK(errors_of({{"avatar_url", "javascript:alert(1)"}}).fields().at("avatar_url") ==
        "must be an http:// or https:// URL");
}

TEST_CASE("validate_profile_update refuses wrong types", "[profile]") {
  auto const errors =
      errors_of({{"display_name", 1}, {"status_message", true}, {"avatar_url", json::array()}});
  CHECK(errors.fields().at("display_name") == "must be a string");
  CHECK(errors.fields().at("status_message") == "must be a string");
  CHECK(errors.fields().at("avatar_url") == "must be a string");
}

TEST_CASE("apply_profile_update changes only what the update names", "[profile]") {
  auto const renamed = users::apply_profile_update(sample_account(), update_of({{"display_name", "New"}}));
  CHECK(renamed.display_name == "New");
  CHECK(renamed.status_message == "busy");
  CHECK(renamed.avatar_url == "https://example.com/old.png");

  auto const cleared = users::apply_profile_update(
      sample_account(), update_of({{"status_message", nullptr}, {"avatar_url", nullptr}}));
  CHECK(cleared.display_name == "Old");
  CHECK_FALSE(cleared.status_message);
  CHECK_FALSE(cleared.avatar_url);
}

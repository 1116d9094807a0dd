#include "lib/user_events.h"

#include <catch2/catch.hpp>

namespace {

users::Account sample_account() {
  users::Account account;
  account.id = 42;
  account.email = "alice@example.com";
  account.username = "alice";
  account.password_hash = "$argon2id$secret";
  account.display_name = "Alice";
  account.status_message = "hi";
  account.created_at = "2026-11-21 12:00:00.123";
  account.updated_at = "2026-11-22 08:30:00.000";
  return account;
}

}  // namespace

TEST_CASE("UserRegistered goes to user.events keyed by the user id, without secrets", "[events]") {
  auto const event = users::user_registered(sample_account());
  CHECK(event.topic == "user.events");
  CHECK(event.key == "42");
  CHECK(event.type == "UserRegistered");
  CHECK(event.data == nlohmann::json{{"user_id", 42},
                                     {"email", "alice@example.com"},
                                     {"username", "alice"},
                                     {"display_name", "Alice"},
                                     {"created_at", "2026-11-21T12:00:00.123Z"}});
}

TEST_CASE("UserProfileUpdated carries the whole new profile and when it changed", "[events]") {
  auto const event = users::user_profile_updated(sample_account());
  CHECK(event.topic == "user.events");
  CHECK(event.key == "42");
  CHECK(event.type == "UserProfileUpdated");
  CHECK(event.data == nlohmann::json{{"user_id", 42},
                                     {"display_name", "Alice"},
                                     {"status_message", "hi"},
                                     {"avatar_url", nullptr},
                                     {"updated_at", "2026-11-22T08:30:00.000Z"}});
}

#include "lib/user_events_in.h"

#include <catch2/catch.hpp>

using nlohmann::json;

namespace {

json registered() {
  return {{"event_type", "UserRegistered"},
          {"occurred_at", "2026-11-21T12:00:01.000Z"},
          {"user_id", 7},
          {"email", "ann@example.com"},
          {"username", "ann_1"},
          {"display_name", "Ann"},
          {"created_at", "2026-11-21T12:00:00.250Z"}};
}

json profile_updated() {
  return {{"event_type", "UserProfileUpdated"},
          {"occurred_at", "2026-11-21T12:05:00.000Z"},
          {"user_id", 7},
          {"display_name", "Ann A."},
          {"status_message", nullptr},
          {"avatar_url", "https://example.com/a.png"},
          {"updated_at", "2026-11-21T12:04:59.999Z"}};
}

}  // namespace

TEST_CASE("UserRegistered becomes a registration with its creation time", "[user_events_in]") {
  auto const event = social::read_user_event("UserRegistered", registered());
  REQUIRE(std::holds_alternative<social::Registration>(event));
  auto const& registration = std::get<social::Registration>(event);
  CHECK(registration.user_id == 7);
  CHECK(registration.username == "ann_1");
  CHECK(registration.display_name == "Ann");
  CHECK(registration.registered_at == "2026-11-21 12:00:00.250");
}

TEST_CASE("UserRegistered without display_name or created_at falls back sensibly", "[user_events_in]") {
  auto data = registered();
  data.erase("display_name");
  data.erase("created_at");
  auto const event = social::read_user_event("UserRegistered", data);
  REQUIRE(std::holds_alternative<social::Registration>(event));
  CHECK(std::get<social::Registration>(event).display_name == "ann_1");
  CHECK(std::get<social::Registration>(event).registered_at == "2026-11-21 12:00:01.000");
}

TEST_CASE("malformed user events are refused with the reason", "[user_events_in]") {
  auto no_id = registered();
  no_id.erase("user_id");
  auto bad_name = registered();
  bad_name["username"] = "Not A Name";
  auto long_status = profile_updated();
  long_status["status_message"] = std::string(141, 'x');
  auto no_time = profile_updated();
  no_time.erase("updated_at");
  no_time.erase("occurred_at");
  for (auto const& [type, data] :
       {std::pair{"UserRegistered", no_id}, std::pair{"UserRegistered", bad_name},
        std::pair{"UserProfileUpdated", long_status}, std::pair{"UserProfileUpdated", no_time},
        std::pair{"UserRegistered", json::array()}}) {
    auto const event = social::read_user_event(type, data);
    REQUIRE(std::holds_alternative<social::MalformedEvent>(event));
    CHECK_FALSE(std::get<social::MalformedEvent>(event).reason.empty());
  }
}

TEST_CASE("other event types are ignored", "[user_events_in]") {
  CHECK(std::holds_alternative<social::IgnoredEvent>(social::read_user_event("UserDeleted", json::object())));
}

TEST_CASE("a profile change keeps absent, null and given fields apart", "[user_events_in]") {
  auto data = profile_updated();
  data.erase("avatar_url");
  auto const event = social::read_user_event("UserProfileUpdated", data);
  REQUIRE(std::holds_alternative<social::ProfileChange>(event));
  auto const& change = std::get<social::ProfileChange>(event);
  CHECK(change.display_name.present);
  CHECK(change.display_name.value == "Ann A.");
  CHECK(change.status_message.present);
  CHECK_FALSE(change.status_message.value);
  CHECK_FALSE(change.avatar_url.present);
  CHECK(change.updated_at == "2026-11-21 12:04:59.999");
}

TEST_CASE("a null display name does not clear it", "[user_events_in]") {
  auto data = profile_updated();
  data["display_name"] = nullptr;
  auto const event = social::read_user_event("UserProfileUpdated", data);
  REQUIRE(std::holds_alternative<social::ProfileChange>(event));
  CHECK_FALSE(std::get<social::ProfileChange>(event).display_name.present);
}

TEST_CASE("the registration upsert keeps a display name an earlier profile change set", "[user_events_in]") {
  auto const statement = social::registration_upsert({7, "ann_1", "Ann", "2026-11-21 12:00:00.250"});
  CHECK(statement.sql.find("ON DUPLICATE KEY UPDATE") != std::string::npos);
  CHECK(statement.sql.find("IF(profile_updated_at IS NULL, VALUES(display_name), display_name)") !=
        std::string::npos);
  CHECK(statement.params.size() == 4);
}

TEST_CASE("the profile upsert writes only the given fields and only when newer", "[user_events_in]") {
  social::ProfileChange change;
  change.user_id = 7;
  change.status_message = {true, std::nullopt};
  change.updated_at = "2026-11-21 12:04:59.999";
  auto const statement = social::profile_upsert(change);
  CHECK(statement.sql.rfind("INSERT INTO users (id, status_message, profile_updated_at) VALUES (?, ?, ?)",
                            0) == 0);
  CHECK(statement.sql.find("display_name") == std::string::npos);
  CHECK(statement.sql.find("avatar_url") == std::string::npos);
  // The stored time is compared before it is replaced.
  CHECK(statement.sql.find("status_message = IF(") < statement.sql.find("profile_updated_at = IF("));
  REQUIRE(statement.params.size() == 3);
  CHECK(std::get<std::int64_t>(statement.params[0]) == 7);
  CHECK(std::holds_alternative<std::nullptr_t>(statement.params[1]));
  CHECK(std::get<std::string>(statement.params[2]) == "2026-11-21 12:04:59.999");
}

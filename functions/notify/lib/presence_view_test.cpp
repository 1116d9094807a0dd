#include "lib/presence_view.h"

#include <catch2/catch.hpp>

using nlohmann::json;

TEST_CASE("presence shows the caller and friends, in the order asked, and hides the rest", "[presence]") {
  std::map<std::int64_t, notify::PresenceRow> const known{
      {2, {2, true, "2026-11-21T11:00:00.000Z"}},
      {3, {3, true, "2026-11-21T11:00:00.000Z"}},  // online, but not a friend
  };
  auto const shown = notify::visible_presence(1, {3, 2, 1, 4}, {2, 4}, known);
  REQUIRE(shown.size() == 3);
  CHECK(shown[0].user_id == 2);
  CHECK(shown[0].online);
  CHECK(shown[1].user_id == 1);
  CHECK_FALSE(shown[1].online);
  CHECK(shown[2].user_id == 4);  // a friend never seen online
  CHECK(shown[2].last_seen_at.empty());
}

TEST_CASE("presence JSON has the API's three fields", "[presence]") {
  CHECK(notify::presence_json({2, true, "2026-11-21T11:00:00.000Z"}) ==
        json{{"user_id", 2}, {"online", true}, {"last_seen_at", "2026-11-21T11:00:00.000Z"}});
  CHECK(notify::presence_json({4, false, ""}) ==
        json{{"user_id", 4}, {"online", false}, {"last_seen_at", nullptr}});
}

TEST_CASE("only the caller and friends are looked up", "[presence]") {
  CHECK(notify::visible_ids(1, {1, 2, 3}, {3}) == std::vector<std::int64_t>{1, 3});
  CHECK(notify::visible_ids(1, {}, {3}).empty());
}

#include "lib/presence_handler.h"

#include <catch2/catch.hpp>

#include "common/testing/fake_context.h"

using common::testing::FakeContext;
using common::testing::make_row;
using nlohmann::json;

namespace {

kfn::HttpRequest presence_request(std::string query) {
  kfn::HttpRequest req;
  req.method = "GET";
  req.query = std::move(query);
  return req;
}

}  // namespace

TEST_CASE("presence needs a caller and a bounded list of ids", "[presence_handler]") {
  FakeContext anonymous;
  CHECK(notify::handle_presence(presence_request("user_ids=1"), anonymous).status == 401);

  FakeContext ctx;
  ctx.identity = kfn::Identity{1, "jti", 1795263000};
  std::string many = "user_ids=1";
  for (int i = 2; i <= 101; ++i) many += "," + std::to_string(i);
  for (auto const& query : {std::string(""), std::string("user_ids=a"), std::string("user_ids=1,,2"), many}) {
    auto const response = notify::handle_presence(presence_request(query), ctx);
    CHECK(response.status == 422);
    CHECK(json::parse(response.body)["error"]["fields"].contains("user_ids"));
  }
  CHECK(ctx.database.statements.empty());
}

TEST_CASE("presence answers the caller and friends, and leaves strangers out", "[presence_handler]") {
  FakeContext ctx;
  ctx.identity = kfn::Identity{1, "jti", 1795263000};
  ctx.database.answer_rows({make_row({"friend_id"}, {std::int64_t{2}})});
  ctx.database.answer_rows(
      {make_row({"user_id", "online", "last_seen_at"},
                {std::int64_t{2}, std::int64_t{1}, std::string("2026-11-21 11:00:00.000")})});
  auto const response = notify::handle_presence(presence_request("user_ids=3,2,1"), ctx);
  REQUIRE(response.status == 200);
  CHECK(json::parse(response.body) ==
        json{{"presence",
              {{{"user_id", 2}, {"online", true}, {"last_seen_at", "2026-11-21T11:00:00.000Z"}},
               {{"user_id", 1}, {"online", false}, {"last_seen_at", nullptr}}}}});
  // Friendship is asked about the others only; presence is read for the visible ids only.
  CHECK(ctx.database.statements.at(0).params ==
        kfn::SqlParams{std::int64_t{1}, std::int64_t{3}, std::int64_t{2}});
  CHECK(ctx.database.statements.at(1).params == kfn::SqlParams{std::int64_t{2}, std::int64_t{1}});
}

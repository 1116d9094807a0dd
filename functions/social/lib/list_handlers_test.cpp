#include "lib/list_handlers.h"

#include <catch2/catch.hpp>

#include "common/testing/fake_context.h"
#include "lib/test_rows.h"

using common::testing::FakeContext;
using nlohmann::json;
using namespace social::testing;

namespace {

FakeContext caller(std::int64_t id) {
  FakeContext ctx;
  ctx.identity = kfn::Identity{id, "jti-1", 1795263000};
  return ctx;
}

json public_user(std::int64_t id, std::string const& name) {
  return {{"id", id},
          {"username", name},
          {"display_name", "Display " + name},
          {"status_message", "away"},
          {"avatar_url", nullptr}};
}

}  // namespace

TEST_CASE("the friends list is PublicUser plus since, for the caller only", "[lists]") {
  auto ctx = caller(1);
  ctx.database.answer_rows({user_row_with_time(2, "bob", "2026-11-20 08:00:00.500")});
  auto const response = social::handle_list_friends({}, ctx);
  REQUIRE(response.status == 200);
  auto expected = public_user(2, "bob");
  expected["since"] = "2026-11-20T08:00:00.500Z";
  CHECK(json::parse(response.body) == json{{"friends", {expected}}});
  CHECK(std::get<std::int64_t>(ctx.database.statements.at(0).params.at(0)) == 1);
  CHECK_FALSE(json::parse(response.body)["friends"][0].contains("is_online"));
}

TEST_CASE("requests list received and sent with the other user and the time", "[lists]") {
  auto ctx = caller(1);
  ctx.database.answer_rows({user_row_with_time(2, "bob", "2026-11-20 08:00:00.000")});
  ctx.database.answer_rows({user_row_with_time(3, "cy", "2026-11-20 09:00:00.000"),
                            user_row_with_time(4, "di", "2026-11-20 07:00:00.000")});
  auto const body = json::parse(social::handle_list_requests({}, ctx).body);
  CHECK(body["received"] ==
        json{{{"user", public_user(2, "bob")}, {"created_at", "2026-11-20T08:00:00.000Z"}}});
  REQUIRE(body["sent"].size() == 2);
  CHECK(body["sent"][0]["user"]["id"] == 3);
  // Received requests are those addressed to the caller; sent ones those the caller made.
  CHECK(ctx.database.statements.at(0).sql.find("WHERE r.target_id = ?") != std::string::npos);
  CHECK(ctx.database.statements.at(1).sql.find("WHERE r.requester_id = ?") != std::string::npos);
}

TEST_CASE("the blocked list is PublicUser only; empty lists are empty arrays", "[lists]") {
  auto ctx = caller(1);
  ctx.database.answer_rows({user_row_with_time(5, "ed", "2026-11-20 08:00:00.000")});
  CHECK(json::parse(social::handle_list_blocked({}, ctx).body) == json{{"users", {public_user(5, "ed")}}});

  auto empty = caller(1);
  CHECK(json::parse(social::handle_list_friends({}, empty).body) == json{{"friends", json::array()}});
  CHECK(json::parse(social::handle_list_requests({}, empty).body) ==
        json{{"received", json::array()}, {"sent", json::array()}});
}

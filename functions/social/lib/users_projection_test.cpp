#include "lib/users_projection.h"

#include <catch2/catch.hpp>

#include "common/testing/fake_context.h"
#include "lib/test_rows.h"

using common::testing::FakeContext;
using nlohmann::json;

namespace {

kfn::CloudEvent cloud_event(std::string type, json const& data) {
  kfn::CloudEvent event;
  event.id = "event-1";
  event.type = std::move(type);
  event.data = data.dump();
  return event;
}

json registered() {
  return {{"user_id", 7},
          {"username", "ann"},
          {"display_name", "Ann"},
          {"created_at", "2026-11-21T11:00:00.000Z"},
          {"occurred_at", "2026-11-21T11:00:00.000Z"}};
}

}  // namespace

TEST_CASE("a first delivery upserts the user and records the event id in one commit", "[users_projection]") {
  FakeContext ctx;
  ctx.database.answer(social::testing::affected(1));  // first_delivery
  auto const result = social::handle_user_event(cloud_event("UserRegistered", registered()), ctx);
  CHECK(result.outcome == kfn::Outcome::kDone);
  REQUIRE(ctx.database.statements.size() == 2);
  CHECK(ctx.database.statements[0].sql.find("kfn_processed_events") != std::string::npos);
  CHECK(std::get<std::string>(ctx.database.statements[0].params.at(0)) == "event-1");
  CHECK(ctx.database.statements[1].sql.rfind("INSERT INTO users", 0) == 0);
  CHECK(ctx.database.statements[1].in_transaction);
  CHECK(ctx.database.commits == 1);
}

TEST_CASE("a redelivered event changes nothing", "[users_projection]") {
  FakeContext ctx;
  ctx.database.answer(social::testing::affected(0));
  auto const result = social::handle_user_event(cloud_event("UserRegistered", registered()), ctx);
  CHECK(result.outcome == kfn::Outcome::kDone);
  CHECK(ctx.database.statements.size() == 1);
  CHECK(ctx.database.commits == 0);
}

TEST_CASE("malformed events are dead-lettered and other types ignored, without the database",
          "[users_projection]") {
  FakeContext ctx;
  auto bad = cloud_event("UserRegistered", registered());
  bad.data = "not json";
  CHECK(social::handle_user_event(bad, ctx).outcome == kfn::Outcome::kPermanent);
  CHECK(social::handle_user_event(cloud_event("SomethingElse", json::object()), ctx).outcome ==
        kfn::Outcome::kDone);
  CHECK(ctx.database.statements.empty());
}

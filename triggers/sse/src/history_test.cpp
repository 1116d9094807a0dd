#include "history.h"

#include <catch2/catch.hpp>

using namespace kfn::sse;

namespace {

std::vector<StoredEvent> stored(std::vector<std::int64_t> const& ids) {
  std::vector<StoredEvent> out;
  for (auto id : ids) out.push_back({id, "message.sent", "{\"n\":" + std::to_string(id) + "}"});
  return out;
}

std::vector<std::int64_t> ids_of(std::vector<StoredEvent> const& events) {
  std::vector<std::int64_t> out;
  for (auto const& e : events) out.push_back(e.id);
  return out;
}

}  // namespace

TEST_CASE("a stream without a last id replays nothing and gates nothing") {
  auto plan = plan_resume(std::nullopt, stored({5, 6}), 6, 1 << 20);
  CHECK(plan.replay.empty());
  CHECK_FALSE(plan.reset);
  CHECK_FALSE(plan.delivered_through);
}

TEST_CASE("a last id still in the history replays what came after it, in order") {
  auto plan = plan_resume(10, stored({10, 14, 15, 20}), 20, 1 << 20);
  CHECK_FALSE(plan.reset);
  CHECK(ids_of(plan.replay) == std::vector<std::int64_t>{14, 15, 20});
  CHECK(plan.delivered_through == 20);  // live events up to 20 are duplicates
}

TEST_CASE("a client that missed nothing replays nothing and gets every later live event") {
  auto plan = plan_resume(20, stored({20}), 20, 1 << 20);
  CHECK(plan.replay.empty());
  CHECK_FALSE(plan.reset);
  CHECK(plan.delivered_through == 20);
}

TEST_CASE("a last id the history no longer holds gives a reset pointing at the newest event") {
  SECTION("trimmed away") {
    auto plan = plan_resume(3, stored({7, 8}), 8, 1 << 20);
    CHECK(plan.reset);
    CHECK(plan.replay.empty());
    CHECK(plan.reset_id == 8);
    CHECK(plan.delivered_through == 8);
  }
  SECTION("from a future the history never had (a reset topic)") {
    auto plan = plan_resume(99, {}, 8, 1 << 20);
    CHECK(plan.reset);
    CHECK(plan.reset_id == 8);
  }
  SECTION("the history expired entirely") {
    auto plan = plan_resume(5, {}, std::nullopt, 1 << 20);
    CHECK(plan.reset);
    CHECK_FALSE(plan.reset_id);
  }
}

TEST_CASE("a replay bigger than the budget becomes a reset rather than a slow-client loop") {
  auto plan = plan_resume(1, stored({1, 2, 3, 4, 5}), 5, 100);
  CHECK(plan.reset);
  CHECK(plan.replay.empty());
  CHECK(plan.reset_id == 5);
}

TEST_CASE("stored members round-trip, data with separators included") {
  StoredEvent event{12, "message.sent", R"({"content":"a\nb"})"};
  auto back = decode_member(encode_member(event));
  REQUIRE(back);
  CHECK(back->id == 12);
  CHECK(back->event == "message.sent");
  CHECK(back->data == event.data);
  CHECK_FALSE(decode_member("garbage"));
  CHECK_FALSE(decode_member("x\ny\nz"));
}

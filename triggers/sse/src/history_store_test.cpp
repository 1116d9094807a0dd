#include <catch2/catch.hpp>

#include "history.h"
#include "test_redis.h"

using namespace kfn::sse;
using kfn::sse::testing::test_services;
using kfn::sse::testing::unique_prefix;

namespace {

StoredEvent event(std::int64_t id) { return {id, "message.sent", "{\"n\":" + std::to_string(id) + "}"}; }

std::vector<std::int64_t> ids_of(std::vector<StoredEvent> const& events) {
  std::vector<std::int64_t> out;
  for (auto const& e : events) out.push_back(e.id);
  return out;
}

}  // namespace

TEST_CASE("history replays what followed the last id, in order, each once") {
  HistoryStore history(test_services().redis(), unique_prefix(), 1000, std::chrono::hours(24));
  for (std::int64_t id : {3, 8, 9, 15}) history.append(5, event(id));
  history.append(5, event(9));   // a second edge appending the same delivery
  history.append(6, event(10));  // another user's
  auto plan = history.resume(5, 8, 1 << 20);
  CHECK_FALSE(plan.reset);
  CHECK(ids_of(plan.replay) == std::vector<std::int64_t>{9, 15});
  CHECK(plan.replay.front().data == "{\"n\":9}");
}

TEST_CASE("history keeps the newest events; an id trimmed away gives a reset") {
  HistoryStore history(test_services().redis(), unique_prefix(), 3, std::chrono::hours(24));
  for (std::int64_t id = 1; id <= 5; ++id) history.append(5, event(id));
  auto trimmed = history.resume(5, 1, 1 << 20);
  CHECK(trimmed.reset);
  CHECK(trimmed.reset_id == 5);
  auto kept = history.resume(5, 3, 1 << 20);
  CHECK_FALSE(kept.reset);
  CHECK(ids_of(kept.replay) == std::vector<std::int64_t>{4, 5});
}

TEST_CASE("history of a user with none resets a client that claims a last id") {
  HistoryStore history(test_services().redis(), unique_prefix(), 10, std::chrono::hours(24));
  auto plan = history.resume(77, 4, 1 << 20);
  CHECK(plan.reset);
  CHECK_FALSE(plan.reset_id);
  CHECK_FALSE(history.resume(77, std::nullopt, 1 << 20).reset);
}

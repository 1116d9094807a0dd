#include "worker_census.h"

#include <catch2/catch.hpp>

namespace kfn::kafka {
namespace {

using namespace std::chrono_literals;
using Clock = WorkerCensus::Clock;

// `count` workers asleep, as after start-up with nothing to do.
WorkerCensus asleep(std::size_t max_busy, int count) {
  WorkerCensus census(max_busy);
  for (int i = 0; i < count; ++i) {
    census.start_searching();
    census.fall_asleep();
  }
  return census;
}

TEST_CASE("waiting records wake a worker only when nobody is looking and no wake is on its way") {
  auto census = asleep(2, 4);
  auto const now = Clock::now();
  CHECK_FALSE(census.should_wake(false, now));
  REQUIRE(census.should_wake(true, now));
  census.wake_sent();
  CHECK_FALSE(census.should_wake(true, now));  // a burst wakes one, not one per record
  census.wake_up();
  CHECK_FALSE(census.should_wake(true, now));  // it is looking now
}

TEST_CASE("no more than max_busy workers run quick handlers at once") {
  auto census = asleep(2, 4);
  auto const now = Clock::now();
  for (int i = 0; i < 2; ++i) {
    census.wake_sent();
    census.wake_up();
    census.took_record(now);
  }
  CHECK(census.fresh_running(now) == 2);
  CHECK_FALSE(census.should_wake(true, now));
}

TEST_CASE("a worker stuck in one handler stops counting, so another is woken for the other keys") {
  auto census = asleep(1, 3);
  auto const start = Clock::now();
  census.wake_sent();
  census.wake_up();
  census.took_record(start);
  CHECK_FALSE(census.should_wake(true, start));
  CHECK(census.should_wake(true, start + WorkerCensus::kStaleAfter + 1us));
}

TEST_CASE("a finished record frees its worker's place") {
  auto census = asleep(1, 2);
  auto const start = Clock::now();
  census.wake_sent();
  census.wake_up();
  census.took_record(start);
  census.done_with_record(start);
  census.start_searching();
  CHECK(census.fresh_running(start) == 0);
  CHECK_FALSE(census.should_wake(true, start));  // the finishing worker looks for the next one itself
  census.fall_asleep();
  CHECK(census.should_wake(true, start));
}

TEST_CASE("nobody to wake when every worker is awake") {
  WorkerCensus census(1);
  census.start_searching();
  census.took_record(Clock::now());
  CHECK_FALSE(census.should_wake(true, Clock::now() + 1s));
}

}  // namespace
}  // namespace kfn::kafka

#include "offset_tracker.h"

#include <catch2/catch.hpp>

namespace kfn::kafka {
namespace {

TEST_CASE("nothing is committable until the first record is done") {
  OffsetTracker tracker;
  tracker.received(10);
  tracker.received(11);
  CHECK_FALSE(tracker.committable());
  CHECK(tracker.in_flight() == 2);
}

TEST_CASE("the committable offset stops at the first record not done") {
  OffsetTracker tracker;
  for (std::int64_t offset = 0; offset < 5; ++offset) tracker.received(offset);
  tracker.done(0);
  tracker.done(2);
  tracker.done(3);
  CHECK(tracker.committable() == 1);
  CHECK(tracker.in_flight() == 4);
  tracker.done(1);
  CHECK(tracker.committable() == 4);
  CHECK(tracker.in_flight() == 1);
  tracker.done(4);
  CHECK(tracker.committable() == 5);
  CHECK(tracker.in_flight() == 0);
}

TEST_CASE("gaps in offset numbering (compaction, transaction markers) do not hold the watermark") {
  OffsetTracker tracker;
  tracker.received(3);
  tracker.received(7);
  tracker.done(7);
  CHECK_FALSE(tracker.committable());
  tracker.done(3);
  CHECK(tracker.committable() == 8);
}

TEST_CASE("an offset received again is refused and does not disturb the watermark") {
  OffsetTracker tracker;
  CHECK(tracker.received(5));
  CHECK(tracker.received(6));
  CHECK_FALSE(tracker.received(6));
  CHECK_FALSE(tracker.received(2));
  tracker.done(5);
  tracker.done(6);
  CHECK(tracker.committable() == 7);
  CHECK(tracker.in_flight() == 0);
}

TEST_CASE("marking an unknown offset done changes nothing") {
  OffsetTracker tracker;
  tracker.received(1);
  tracker.done(99);
  CHECK_FALSE(tracker.committable());
  CHECK(tracker.in_flight() == 1);
}

}  // namespace
}  // namespace kfn::kafka

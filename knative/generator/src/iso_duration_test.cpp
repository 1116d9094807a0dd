#include "iso_duration.h"

#include <catch2/catch.hpp>

namespace kfn::knative {
namespace {

using namespace std::chrono_literals;

TEST_CASE("backoff delays are ISO-8601 durations with the fraction trimmed") {
  CHECK(iso8601_duration(200ms) == "PT0.2S");
  CHECK(iso8601_duration(30s) == "PT30S");
  CHECK(iso8601_duration(1250ms) == "PT1.25S");
  CHECK(iso8601_duration(5ms) == "PT0.005S");
}

TEST_CASE("timeouts round up to whole seconds") {
  CHECK(ceil_seconds(10s) == 10);
  CHECK(ceil_seconds(10001ms) == 11);
  CHECK(ceil_seconds(500ms) == 1);
}

}  // namespace
}  // namespace kfn::knative

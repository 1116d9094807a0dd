#include "backoff.h"

#include <catch2/catch.hpp>

namespace kfn::kafka {
namespace {

using std::chrono::milliseconds;

kfn::host::RetryPolicy policy(int initial_ms, double multiplier, int max_ms) {
  kfn::host::RetryPolicy p;
  p.initial_backoff = milliseconds(initial_ms);
  p.multiplier = multiplier;
  p.max_backoff = milliseconds(max_ms);
  return p;
}

TEST_CASE("backoff grows by the multiplier from the initial delay, within the jitter") {
  Backoff backoff(policy(100, 2.0, 60'000), 42);
  for (int round = 0; round < 200; ++round) {
    auto first = backoff.delay(1);
    auto third = backoff.delay(3);
    CHECK(first >= milliseconds(80));
    CHECK(first <= milliseconds(120));
    CHECK(third >= milliseconds(320));
    CHECK(third <= milliseconds(480));
  }
}

TEST_CASE("successive delays always grow when the multiplier outruns the jitter") {
  Backoff backoff(policy(50, 2.0, 60'000), 7);
  for (int round = 0; round < 200; ++round) {
    CHECK(backoff.delay(2) > backoff.delay(1));
    CHECK(backoff.delay(4) > backoff.delay(3));
  }
}

TEST_CASE("backoff never exceeds max_backoff, jitter included") {
  Backoff backoff(policy(100, 3.0, 1'000), 1);
  for (int attempt = 1; attempt < 40; ++attempt) CHECK(backoff.delay(attempt) <= milliseconds(1'000));
  CHECK(backoff.delay(30) >= milliseconds(800));
}

TEST_CASE("delays vary between calls (jitter), so failing keys do not retry in lockstep") {
  Backoff backoff(policy(1'000, 2.0, 60'000), 3);
  auto first = backoff.delay(1);
  bool varied = false;
  for (int i = 0; i < 20 && !varied; ++i) varied = backoff.delay(1) != first;
  CHECK(varied);
}

}  // namespace
}  // namespace kfn::kafka

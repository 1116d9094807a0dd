// Order per key, parallelism across keys, on the mock cluster with the real trigger and FunctionHost.
#include <catch2/catch.hpp>
#include <random>

#include "trigger_fixture.h"

namespace kfn::kafka::testing {
namespace {

using namespace std::chrono_literals;

std::vector<std::string> numbers(int count) {
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) out.push_back(std::to_string(i));
  return out;
}

TEST_CASE("records of one key are handled strictly in order while different keys overlap") {
  ProbeSetup setup;
  setup.concurrency = 32;
  TriggerFixture fixture(setup);
  constexpr int kKeys = 16;
  constexpr int kPerKey = 20;
  std::mt19937 random(7);
  std::uniform_int_distribution<int> delay_ms(0, 15);
  for (int seq = 0; seq < kPerKey; ++seq) {
    for (int key = 0; key < kKeys; ++key) {
      fixture.publish("key-" + std::to_string(key), seq, {{"delay_ms", delay_ms(random)}});
    }
  }
  fixture.producer().flush();
  fixture.trigger().start();

  REQUIRE(fixture.report().wait_handled(kKeys * kPerKey, 60s));
  for (int key = 0; key < kKeys; ++key) {
    INFO("key-" << key);
    CHECK(fixture.report().seen("key-" + std::to_string(key)) == numbers(kPerKey));
  }
  auto concurrency = fixture.report().concurrency();
  CHECK(*std::max_element(concurrency.begin(), concurrency.end()) > 1);
  CHECK(eventually([&] { return fixture.committed_total() == kKeys * kPerKey; }, 30s));
  CHECK(fixture.counter_total("kfn_kafka_records_handled_total") == kKeys * kPerKey);
}

TEST_CASE("a slow key does not hold back the other keys of its partition") {
  ProbeSetup setup;
  setup.partitions = 1;
  TriggerFixture fixture(setup);
  fixture.publish("slow", 0, {{"delay_ms", 2000}});
  for (int seq = 1; seq <= 50; ++seq) fixture.publish("key-" + std::to_string(seq % 10), seq);
  fixture.producer().flush();
  fixture.trigger().start();

  REQUIRE(fixture.report().wait_handled(51, 60s));
  auto timeline = fixture.report().timeline();
  REQUIRE(timeline.size() == 51);
  CHECK(timeline.back() == "done:slow:0");
  CHECK(eventually([&] { return fixture.committed_total() == 51; }, 30s));
}

// The poll thread runs quick records itself; one whose handler turns slow there must not stop the
// consuming: the watchdog polls in its place meanwhile (poll_watchdog.cpp).
TEST_CASE("records published while a handler holds up the poll thread are consumed and run meanwhile") {
  ProbeSetup setup;
  setup.partitions = 2;
  TriggerFixture fixture(setup);
  fixture.trigger().start();
  // Alone in its poll, the slow record is run by the poll thread itself.
  fixture.publish("slow", 0, {{"delay_ms", 5000}});
  fixture.producer().flush();
  REQUIRE(eventually([&] { return !fixture.report().concurrency().empty(); }, 30s));
  for (int seq = 1; seq <= 20; ++seq) fixture.publish("key-" + std::to_string(seq % 5), seq);
  fixture.producer().flush();

  REQUIRE(fixture.report().wait_handled(21, 60s));
  auto timeline = fixture.report().timeline();
  REQUIRE(timeline.size() == 21);
  CHECK(timeline.back() == "done:slow:0");
  CHECK(eventually([&] { return fixture.committed_total() == 21; }, 30s));
}

}  // namespace
}  // namespace kfn::kafka::testing

// Clean rebalances (a member joining, a member leaving) move partitions without losing a record or
// handling one twice: revoked partitions are drained and committed before they go.
#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "trigger_fixture.h"

namespace kfn::kafka::testing {
namespace {

using namespace std::chrono_literals;

constexpr int kKeys = 30;
constexpr int kPerKey = 150;

std::vector<std::string> numbers(int count) {
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) out.push_back(std::to_string(i));
  return out;
}

// Publishes kPerKey records per key at a steady pace, so the stream spans the rebalances.
class PacedPublisher {
 public:
  explicit PacedPublisher(TriggerFixture& fixture)
      : thread_([this, &fixture] {
          for (int seq = 0; seq < kPerKey; ++seq) {
            for (int key = 0; key < kKeys; ++key)
              fixture.publish("key-" + std::to_string(key), seq, {{"delay_ms", 2}});
            fixture.producer().flush();
            std::this_thread::sleep_for(60ms);  // pacing the load, not waiting for anything
          }
        }) {}
  ~PacedPublisher() { thread_.join(); }

 private:
  std::thread thread_;
};

TEST_CASE("a member joining and a member leaving cleanly lose no record and repeat none") {
  ProbeSetup setup;
  setup.partitions = 6;
  TriggerFixture fixture(setup);
  fixture.trigger().start();
  kfn::host::MetricsRegistry second_metrics;
  auto second = fixture.make_trigger(second_metrics);
  {
    PacedPublisher publisher(fixture);
    REQUIRE(fixture.report().wait_handled(300, 60s));

    second->start();
    REQUIRE(eventually([&] { return TriggerFixture::assigned_partitions(second_metrics) > 0; }, 60s));
    CHECK(TriggerFixture::assigned_partitions(fixture.metrics()) < 6);
    auto handled_at_join = fixture.report().handled();
    REQUIRE(fixture.report().wait_handled(handled_at_join + 300, 60s));

    fixture.trigger().stop(10s);
    REQUIRE(eventually([&] { return TriggerFixture::assigned_partitions(second_metrics) == 6; }, 60s));
  }
  REQUIRE(fixture.report().wait_handled(kKeys * kPerKey, 60s));
  for (int key = 0; key < kKeys; ++key) {
    INFO("key-" << key);
    CHECK(fixture.report().seen("key-" + std::to_string(key)) == numbers(kPerKey));
  }
  CHECK(fixture.report().handled() == kKeys * kPerKey);
  second->stop(10s);
  CHECK(fixture.committed_total() == kKeys * kPerKey);
}

TEST_CASE("stopping drains in-flight records and commits them, so a restart repeats nothing") {
  ProbeSetup setup;
  setup.partitions = 2;
  TriggerFixture fixture(setup);
  for (int seq = 0; seq < 40; ++seq)
    fixture.publish("key-" + std::to_string(seq % 8), seq, {{"delay_ms", 100}});
  fixture.producer().flush();
  kfn::host::MetricsRegistry first_metrics;
  auto first = fixture.make_trigger(first_metrics);
  first->start();
  REQUIRE(eventually([&] { return !fixture.report().concurrency().empty(); }, 60s));
  first->stop(10s);
  auto handled_by_first = fixture.report().handled();
  CHECK(fixture.committed_total() == handled_by_first);

  fixture.trigger().start();
  REQUIRE(fixture.report().wait_handled(40, 60s));
  CHECK(fixture.report().handled() == 40);
}

// A record alone in its poll is run by the poll thread itself; while it runs long the watchdog polls
// in its place, so the rebalance a joining member causes is served there (waiting for the slow record
// if its partition is revoked).
TEST_CASE("a member joining while a handler holds up the poll thread loses no record and repeats none") {
  ProbeSetup setup;
  setup.partitions = 6;
  TriggerFixture fixture(setup);
  fixture.trigger().start();
  REQUIRE(eventually([&] { return TriggerFixture::assigned_partitions(fixture.metrics()) == 6; }, 60s));
  fixture.publish("slow", 0, {{"delay_ms", 3000}});
  fixture.producer().flush();
  REQUIRE(eventually([&] { return !fixture.report().concurrency().empty(); }, 30s));

  kfn::host::MetricsRegistry second_metrics;
  auto second = fixture.make_trigger(second_metrics);
  second->start();
  REQUIRE(eventually([&] { return TriggerFixture::assigned_partitions(second_metrics) > 0; }, 60s));
  constexpr int kPer = 20;
  for (int seq = 0; seq < kPer; ++seq) {
    for (int key = 0; key < 6; ++key) fixture.publish("key-" + std::to_string(key), seq);
  }
  fixture.producer().flush();

  constexpr int kTotal = 1 + 6 * kPer;
  REQUIRE(fixture.report().wait_handled(kTotal, 60s));
  CHECK(fixture.report().seen("slow") == std::vector<std::string>{"0"});
  for (int key = 0; key < 6; ++key) {
    INFO("key-" << key);
    CHECK(fixture.report().seen("key-" + std::to_string(key)) == numbers(kPer));
  }
  // Leaving one at a time, each once the group is steady again (a member stopping while the group
  // rebalances may fail its last commit, and those records are delivered again: at least once).
  second->stop(10s);
  REQUIRE(eventually([&] { return TriggerFixture::assigned_partitions(fixture.metrics()) == 6; }, 60s));
  fixture.trigger().stop(10s);
  CHECK(fixture.report().handled() == kTotal);
  CHECK(fixture.committed_total() == kTotal);
}

}  // namespace
}  // namespace kfn::kafka::testing

// The real `kfn run` binary consuming from a mock cluster in this process, killed with SIGKILL
// mid-stream: nothing is lost, and redelivered effects are removed by Transaction::first_delivery.
#include <catch2/catch.hpp>
#include <set>

#include "runner_setup.h"

namespace kfn::kafka::testing {
namespace {

using namespace std::chrono_literals;

constexpr int kKeys = 60;

void publish(TestProducer& producer, int from, int to, int delay_ms) {
  for (int seq = from; seq < to; ++seq) {
    auto key = "key-" + std::to_string(seq % kKeys);
    producer.send("events", key, nlohmann::json{{"seq", seq}, {"delay_ms", delay_ms}}.dump(),
                  {{"ce_specversion", "1.0"},
                   {"ce_id", "event-" + std::to_string(seq)},
                   {"ce_source", "/kfn/runner-test"},
                   {"ce_type", "ProbeEvent"}});
  }
  producer.flush();
}

// Every event has exactly one effect, and per key the first deliveries came in order.
void check_complete_and_ordered(RunnerSetup& setup, int events) {
  auto effects = effect_counts(setup.database());
  CHECK(effects.distinct_events == events);
  CHECK(effects.rows == events);
  for (int key = 0; key < kKeys; ++key) {
    std::set<long long> first;
    long long last = -1;
    for (auto const& value : setup.report().seen("key-" + std::to_string(key))) {
      auto seq = std::stoll(value);
      if (!first.insert(seq).second) continue;
      INFO("key-" << key << ": " << seq << " first seen after " << last);
      CHECK(seq > last);
      last = seq;
    }
    CHECK(first.size() == static_cast<std::size_t>(events / kKeys));
  }
}

// Every event's effect is committed and reported (the probe reports to Redis after its commit).
bool all_effects(RunnerSetup& setup, int events, std::chrono::milliseconds timeout) {
  std::vector<std::string> keys;
  for (int key = 0; key < kKeys; ++key) keys.push_back("key-" + std::to_string(key));
  return eventually(
      [&] {
        return effect_counts(setup.database()).distinct_events == events &&
               setup.report().distinct_seen(keys) == static_cast<std::size_t>(events);
      },
      timeout);
}

TEST_CASE("a runner killed with SIGKILL mid-stream and restarted loses nothing and repeats no effect") {
  MockCluster cluster;
  RunnerSetup setup(cluster, 6, 16);
  TestProducer producer(cluster.bootstrap());
  constexpr int kEvents = 3000;
  {
    kfn::test::RunnerProcess first(setup.runner_options());
    publish(producer, 0, kEvents, 2);
    REQUIRE(setup.report().wait_handled(1000, 60s));
    first.kill();
  }
  kfn::test::RunnerProcess second(setup.runner_options());
  REQUIRE(all_effects(setup, kEvents, 90s));
  check_complete_and_ordered(setup, kEvents);
  auto redelivered = setup.report().handled() - kEvents;
  // Offsets are committed about once a second: a kill mid-stream must redeliver something, or this
  // test would say nothing about deduplication.
  CHECK(redelivered > 0);
  WARN("records handled again after the kill (their effects deduplicated): " << redelivered);
}

TEST_CASE("three runners share the partitions; when one is killed the others take its partitions over") {
  MockCluster cluster;
  RunnerSetup setup(cluster, 6, 16);
  TestProducer producer(cluster.bootstrap());
  kfn::test::RunnerProcess a(setup.runner_options());
  kfn::test::RunnerProcess b(setup.runner_options());
  auto c = std::make_unique<kfn::test::RunnerProcess>(setup.runner_options());
  REQUIRE(eventually(
      [&] {
        return RunnerSetup::assigned_partitions(a) > 0 && RunnerSetup::assigned_partitions(b) > 0 &&
               RunnerSetup::assigned_partitions(*c) > 0;
      },
      60s));
  CHECK(RunnerSetup::assigned_partitions(a) + RunnerSetup::assigned_partitions(b) +
            RunnerSetup::assigned_partitions(*c) ==
        6);

  constexpr int kEvents = 6000;
  publish(producer, 0, kEvents, 20);
  REQUIRE(setup.report().wait_handled(1500, 60s));
  c->kill();
  REQUIRE(eventually(
      [&] { return RunnerSetup::assigned_partitions(a) + RunnerSetup::assigned_partitions(b) == 6; }, 60s));
  REQUIRE(all_effects(setup, kEvents, 90s));
  check_complete_and_ordered(setup, kEvents);
  WARN("records handled again after the kill: " << setup.report().handled() - kEvents);
}

}  // namespace
}  // namespace kfn::kafka::testing

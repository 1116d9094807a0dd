// A stream of uniquely numbered events through a broker outage, a leader change and request errors:
// every event handled, per-key order kept, and redeliveries removed by Transaction::first_delivery.
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>
#include <thread>

#include "trigger_fixture.h"

namespace kfn::kafka::testing {
namespace {

using namespace std::chrono_literals;

constexpr int kEvents = 10'000;
constexpr int kKeys = 200;
constexpr int kPartitions = 6;

// How long a fault stays in place; the stream keeps flowing on the other brokers meanwhile.
void hold_fault(std::chrono::milliseconds duration) { std::this_thread::sleep_for(duration); }

std::string key_of(int seq) { return "key-" + std::to_string(seq % kKeys); }

void publish_range(TriggerFixture& fixture, int from, int to) {
  for (int seq = from; seq < to; ++seq) fixture.publish(key_of(seq), seq);
}

std::vector<std::string> all_keys() {
  std::vector<std::string> keys;
  for (int key = 0; key < kKeys; ++key) keys.push_back("key-" + std::to_string(key));
  return keys;
}

// Per key: the first delivery of each seq comes in increasing order and none is missing.
void check_order_and_completeness(ProbeReport const& report) {
  for (int key = 0; key < kKeys; ++key) {
    auto seen = report.seen("key-" + std::to_string(key));
    std::set<long long> first_seen;
    long long last_first = -1;
    for (auto const& value : seen) {
      auto seq = std::stoll(value);
      if (!first_seen.insert(seq).second) continue;  // a redelivery, counted as a duplicate
      INFO("key-" << key << " seq " << seq << " after " << last_first);
      CHECK(seq > last_first);
      last_first = seq;
    }
    CHECK(first_seen.size() == kEvents / kKeys);
  }
}

TEST_CASE("10,000 events survive broker down, leader change and request errors, deduplicated") {
  ProbeSetup setup;
  setup.partitions = kPartitions;
  setup.use_database = true;
  setup.retry.initial_backoff = 50ms;
  setup.retry.attempts = 100;  // faults are transient: nothing should need the dead-letter topic
  TriggerFixture fixture(setup);
  auto& cluster = fixture.cluster;
  fixture.trigger().start();

  publish_range(fixture, 0, 2000);
  REQUIRE(fixture.report().wait_handled(500, 60s));

  cluster.set_broker_down(2);
  publish_range(fixture, 2000, 4000);
  hold_fault(2s);
  cluster.set_broker_up(2);
  REQUIRE(fixture.report().wait_handled(3000, 60s));

  for (int p = 0; p < kPartitions; ++p) cluster.set_leader(kTopic, p, 1 + (p + 1) % 3);
  publish_range(fixture, 4000, 6000);
  cluster.push_request_errors(
      api::kFetch, std::vector<rd_kafka_resp_err_t>(5, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION));
  cluster.push_request_errors(api::kOffsetCommit,
                              std::vector<rd_kafka_resp_err_t>(3, RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT));
  // The member is told it is unknown: its assignment is lost and what it had not committed comes again.
  cluster.push_request_errors(api::kHeartbeat, {RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID});
  REQUIRE(fixture.report().wait_handled(6000, 60s));

  cluster.set_broker_down(3);
  publish_range(fixture, 6000, 8000);
  hold_fault(1500ms);
  cluster.set_broker_up(3);
  publish_range(fixture, 8000, kEvents);
  fixture.producer().flush();

  REQUIRE(eventually([&] { return effect_counts(fixture.database()).distinct_events == kEvents; }, 120s));
  // The probe reports to Redis after its effect commits: the last reports may still be on their way.
  REQUIRE(eventually([&] { return fixture.report().distinct_seen(all_keys()) == kEvents; }, 30s));
  auto effects = effect_counts(fixture.database());
  CHECK(effects.rows == kEvents);  // redeliveries added no second effect
  check_order_and_completeness(fixture.report());
  auto duplicates = fixture.report().handled() - kEvents;
  WARN("deliveries beyond one per event (removed by first_delivery): " << duplicates);
  CHECK(duplicates >= 0);
  CHECK(fixture.counter_total("kfn_kafka_dead_letters_total") == 0);
  CHECK(eventually([&] { return fixture.committed_total() == kEvents; }, 30s));
}

}  // namespace
}  // namespace kfn::kafka::testing

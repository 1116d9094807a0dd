// Bounded in-flight records per partition: fetching pauses at the limit and resumes as it drains.
#include <catch2/catch.hpp>

#include "trigger_fixture.h"

namespace kfn::kafka::testing {
namespace {

using namespace std::chrono_literals;

TEST_CASE("a partition at max_in_flight pauses and resumes, losing and reordering nothing") {
  ProbeSetup setup;
  setup.partitions = 1;
  setup.concurrency = 4;
  setup.max_in_flight_per_partition = 8;
  TriggerFixture fixture(setup);
  constexpr int kRecords = 300;
  for (int seq = 0; seq < kRecords; ++seq) fixture.publish("key-" + std::to_string(seq % 3), seq, {{"delay_ms", 1}});
  fixture.producer().flush();
  fixture.trigger().start();

  REQUIRE(fixture.report().wait_handled(kRecords, 60s));
  for (int key = 0; key < 3; ++key) {
    auto seen = fixture.report().seen("key-" + std::to_string(key));
    REQUIRE(seen.size() == kRecords / 3);
    for (std::size_t i = 0; i < seen.size(); ++i) CHECK(std::stoi(seen[i]) == static_cast<int>(i) * 3 + key);
  }
  CHECK(fixture.counter_total("kfn_kafka_partition_pauses_total") > 0);
  CHECK(eventually([&] { return fixture.committed_total() == kRecords; }, 30s));
}

}  // namespace
}  // namespace kfn::kafka::testing

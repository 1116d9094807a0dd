// What the trigger reports per function and partition: handled, in flight, lag, commit latency.
#include <catch2/catch.hpp>

#include "trigger_fixture.h"

namespace kfn::kafka::testing {
namespace {

using namespace std::chrono_literals;

TEST_CASE("lag and in-flight records show a stuck partition, then fall to zero once it is handled") {
  ProbeSetup setup;
  setup.partitions = 2;
  TriggerFixture fixture(setup);
  fixture.publish("slow", 0, {{"delay_ms", 3000}});
  for (int seq = 1; seq <= 20; ++seq) fixture.publish("slow", seq);
  fixture.producer().flush();
  fixture.trigger().start();

  CHECK(eventually([&] { return fixture.gauge_total("kfn_kafka_consumer_lag") >= 21; }, 30s));
  CHECK(fixture.gauge_total("kfn_kafka_in_flight_records") >= 1);
  REQUIRE(fixture.report().wait_handled(21, 60s));
  CHECK(eventually([&] { return fixture.gauge_total("kfn_kafka_consumer_lag") == 0; }, 30s));
  CHECK(fixture.gauge_total("kfn_kafka_in_flight_records") == 0);
  CHECK(fixture.counter_total("kfn_kafka_records_handled_total") == 21);
  CHECK(TriggerFixture::assigned_partitions(fixture.metrics()) == 2);
  CHECK(eventually([&] { return fixture.committed_total() == 21; }, 30s));
  auto& commits =
      fixture.metrics().histogram("kfn_kafka_commit_latency_seconds", "", {{"function", kFunction}});
  CHECK(eventually([&] { return commits.count() > 0; }, 30s));
  auto text = fixture.metrics().render();
  CHECK_THAT(text,
             Catch::Contains("kfn_kafka_consumer_lag{function=\"probe\",topic=\"events\",partition=\"0\"}"));
}

}  // namespace
}  // namespace kfn::kafka::testing

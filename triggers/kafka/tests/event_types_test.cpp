// A function that handles some CloudEvent types of its topic: the others are committed past without
// running it, and counted.
#include <catch2/catch.hpp>

#include "trigger_fixture.h"

namespace kfn::kafka::testing {
namespace {

using namespace std::chrono_literals;

TEST_CASE("records of CloudEvent types the function does not handle are committed without running it") {
  ProbeSetup setup;
  setup.partitions = 2;
  setup.event_types = {"ProbeEvent"};  // what TriggerFixture::publish sends unless told otherwise
  TriggerFixture fixture(setup);
  // One key, so every record lands on one partition in order: handled and passed-over interleave.
  for (int seq = 0; seq < 10; ++seq) {
    Headers type = seq % 2 == 0 ? Headers{} : Headers{{"ce_type", "OtherEvent"}};
    fixture.publish("k", seq, nlohmann::json::object(), type);
  }
  fixture.producer().flush();
  fixture.trigger().start();

  // Every offset is committed, the skipped ones included, only once all of them were settled.
  REQUIRE(eventually([&] { return fixture.committed_total() == 10; }, 30s));
  CHECK(fixture.report().seen("k") == std::vector<std::string>{"0", "2", "4", "6", "8"});
  CHECK(fixture.counter_total("kfn_kafka_records_handled_total") == 5);
  CHECK(fixture.counter_total("kfn_kafka_records_skipped_total") == 5);
  CHECK(eventually([&] { return fixture.gauge_total("kfn_kafka_consumer_lag") == 0; }, 30s));
}

}  // namespace
}  // namespace kfn::kafka::testing

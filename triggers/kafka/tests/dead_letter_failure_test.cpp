// A dead-letter write that fails holds the offset back until it succeeds: nothing is ever dropped.
#include <catch2/catch.hpp>

#include "trigger_fixture.h"

namespace kfn::kafka::testing {
namespace {

using namespace std::chrono_literals;

TEST_CASE("while the dead-letter write fails nothing past the record is committed, then it is") {
  ProbeSetup setup;
  setup.partitions = 1;
  setup.retry.attempts = 1;
  setup.retry.initial_backoff = 200ms;
  setup.retry.multiplier = 2.0;
  setup.retry.max_backoff = 1s;
  TriggerFixture fixture(setup);
  // Source and dead-letter topics on different brokers, so only the dead-letter writes fail.
  fixture.cluster.set_leader(kTopic, 0, 1);
  fixture.cluster.set_leader(kDeadLetterTopic, 0, 3);
  constexpr int kFailedWrites = 3;
  fixture.cluster.push_broker_request_errors(3, api::kProduce, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, kFailedWrites);

  fixture.publish("poison", 0, {{"permanent", true}});
  for (int seq = 1; seq <= 10; ++seq) fixture.publish("key-" + std::to_string(seq), seq);
  fixture.producer().flush();
  fixture.trigger().start();

  // Invariant at every look: an offset past the poison record means its dead letter was acknowledged
  // (the committed offset is read first, so a commit seen implies the acknowledgement before it).
  bool saw_held_back = false;
  REQUIRE(eventually(
      [&] {
        auto committed = fixture.committed_total();
        auto acknowledged = fixture.counter_total("kfn_kafka_dead_letters_total");
        if (committed > 0 && acknowledged == 0) FAIL("offset " << committed << " committed before the dead letter landed");
        saw_held_back = saw_held_back || (acknowledged == 0 && fixture.report().handled() == 10);
        return committed == 11;
      },
      60s));
  CHECK(saw_held_back);  // the other records were done while the dead letter was still failing
  CHECK(fixture.counter_total("kfn_kafka_dead_letter_write_failures_total") == kFailedWrites);
  auto letters = read_records(fixture.cluster.bootstrap(), kDeadLetterTopic, 2, 5s);
  CHECK(letters.size() == 1);
}

}  // namespace
}  // namespace kfn::kafka::testing

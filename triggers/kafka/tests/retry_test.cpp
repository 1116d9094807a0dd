// Retries with backoff, dead letters, and the offset moving past a poison record.
#include <catch2/catch.hpp>

#include "trigger_fixture.h"

namespace kfn::kafka::testing {
namespace {

using namespace std::chrono_literals;

kfn::host::RetryPolicy quick_retries(int attempts) {
  kfn::host::RetryPolicy retry;
  retry.attempts = attempts;
  retry.initial_backoff = 100ms;
  retry.multiplier = 3.0;
  retry.max_backoff = 10s;
  return retry;
}

TEST_CASE("a poison record is retried with growing delays, dead-lettered whole, and passed") {
  ProbeSetup setup;
  setup.partitions = 1;
  setup.retry = quick_retries(4);
  TriggerFixture fixture(setup);
  fixture.publish("bad", 0, {{"fail_times", 1000}}, {{"x-origin", "test"}});
  for (int seq = 1; seq <= 20; ++seq) fixture.publish("key-" + std::to_string(seq % 5), seq);
  fixture.producer().flush();
  fixture.trigger().start();

  auto letters = read_records(fixture.cluster.bootstrap(), kDeadLetterTopic, 1, 60s);
  REQUIRE(letters.size() == 1);
  auto const& letter = letters[0];
  CHECK(letter.key == "bad");
  CHECK(nlohmann::json::parse(*letter.value) == nlohmann::json{{"fail_times", 1000}, {"seq", 0}});
  CHECK(header(letter.headers, "ce_id") == fixture.event_id("bad", 0));
  CHECK(header(letter.headers, "x-origin") == "test");
  CHECK(header(letter.headers, "kfn_error") == "asked to fail");
  CHECK(header(letter.headers, "kfn_attempts") == "4");
  CHECK(header(letter.headers, "kfn_source_topic") == kTopic);
  CHECK(header(letter.headers, "kfn_source_partition") == "0");
  CHECK(header(letter.headers, "kfn_source_offset") == "0");

  auto attempts = fixture.report().attempt_times_ms(fixture.event_id("bad", 0));
  REQUIRE(attempts.size() == 4);
  for (std::size_t i = 2; i < attempts.size(); ++i) {
    INFO("attempt " << i + 1);
    CHECK(attempts[i] - attempts[i - 1] > attempts[i - 1] - attempts[i - 2]);
  }
  // The other keys were handled while the poison record waited out its backoff.
  auto timeline = fixture.report().timeline();
  auto last_attempt = std::find(timeline.rbegin(), timeline.rend(), "attempt:bad:0");
  CHECK(std::count_if(last_attempt, timeline.rend(), [](std::string const& e) { return e.starts_with("done:"); }) == 20);
  CHECK(eventually([&] { return fixture.committed_total() == 21; }, 30s));
  CHECK(fixture.counter_total("kfn_kafka_dead_letters_total") == 1);
  CHECK(fixture.counter_total("kfn_kafka_record_retries_total") == 3);
}

TEST_CASE("a permanent failure is dead-lettered after one attempt and committed") {
  ProbeSetup setup;
  setup.partitions = 1;
  setup.retry = quick_retries(5);
  TriggerFixture fixture(setup);
  fixture.publish("k", 0, {{"permanent", true}});
  fixture.publish("k", 1);
  fixture.producer().flush();
  fixture.trigger().start();

  auto letters = read_records(fixture.cluster.bootstrap(), kDeadLetterTopic, 1, 60s);
  REQUIRE(letters.size() == 1);
  CHECK(header(letters[0].headers, "kfn_attempts") == "1");
  CHECK(header(letters[0].headers, "kfn_error") == "asked to give up");
  REQUIRE(fixture.report().wait_handled(1, 30s));
  CHECK(fixture.report().seen("k") == std::vector<std::string>{"1"});
  CHECK(eventually([&] { return fixture.committed_total() == 2; }, 30s));
  CHECK(fixture.counter_total("kfn_kafka_record_retries_total") == 0);
}

}  // namespace
}  // namespace kfn::kafka::testing

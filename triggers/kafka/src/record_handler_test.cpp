#include "record_handler.h"

#include <catch2/catch.hpp>
#include <deque>

#include "partition_metrics.h"

namespace kfn::kafka {
namespace {

using Clock = std::chrono::steady_clock;

PartitionId const kP{"orders", 2};

// Holds each dead letter until the test delivers or fails it.
struct FakeSink : DeadLetterSink {
  std::deque<std::pair<OutgoingRecord, OnDelivery>> sent;
  void send(OutgoingRecord record, OnDelivery on_delivery) override {
    sent.emplace_back(std::move(record), std::move(on_delivery));
  }
  void deliver(std::optional<std::string> error = std::nullopt) {
    auto [record, on_delivery] = std::move(sent.front());
    sent.pop_front();
    on_delivery(std::move(error));
  }
};

struct LogLine {
  kfn::LogLevel level;
  std::string message;
  nlohmann::json fields;
};

struct FakeLog : kfn::Logger {
  std::vector<LogLine> lines;
  void log(kfn::LogLevel level, std::string_view message, nlohmann::json const& fields) override {
    lines.push_back({level, std::string(message), fields});
  }
};

struct Series {
  kfn::host::Counter handled, skipped, failures, retries, dead_letters, dead_letter_failures, pauses;
  kfn::host::Gauge in_flight, lag;
  PartitionMetrics metrics{handled, skipped,   failures, retries, dead_letters, dead_letter_failures,
                           pauses,  in_flight, lag};
};

struct Fixture {
  Scheduler scheduler;
  FakeSink sink;
  FakeLog log;
  Series series;
  std::deque<kfn::EventResult> answers;  // what the function returns, in order (then done)
  std::vector<std::pair<kfn::CloudEvent, kfn::host::Invocation>> calls;
  RecordHandler handler{settings(),
                        [this](kfn::CloudEvent const& e, kfn::host::Invocation const& i) {
                          calls.emplace_back(e, i);
                          if (answers.empty()) return kfn::EventResult::done();
                          auto answer = answers.front();
                          answers.pop_front();
                          return answer;
                        },
                        scheduler, sink, log};

  static HandlerSettings settings() {
    HandlerSettings s;
    s.function = "orders-fn";
    s.dead_letter_topic = "orders-fn.dlq";
    s.retry.attempts = 3;
    s.retry.initial_backoff = std::chrono::milliseconds(100);
    return s;
  }

  Fixture() { scheduler.add_partition(kP, &series.metrics); }

  WorkPtr take(std::int64_t offset, Headers headers = {}) {
    std::vector<Record> batch{
        Record{kP, offset, std::string("k"), std::string("secret-value"), std::move(headers)}};
    scheduler.submit(batch);
    return scheduler.try_next();
  }
  Completion run(WorkPtr const& work) {
    auto completion = handler.handle(work);
    scheduler.complete(work, completion);
    return completion;
  }
};

TEST_CASE_METHOD(Fixture, "a handled record is finished and committable") {
  auto completion =
      run(take(7, {{"traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}}));
  CHECK(completion.kind == Completion::Kind::kFinished);
  CHECK(scheduler.committable(kP) == 8);
  CHECK(series.handled.value() == 1);
  REQUIRE(calls.size() == 1);
  auto const& [event, invocation] = calls[0];
  CHECK(invocation.request_id == event.id);
  CHECK(invocation.traceparent == "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
  CHECK(invocation.deadline > Clock::now());
  CHECK(event.offset == 7);
  CHECK(sink.sent.empty());
}

TEST_CASE_METHOD(Fixture, "a retryable failure before the last attempt is retried later, not committed") {
  answers = {kfn::EventResult::retry("db down")};
  auto before = Clock::now();
  auto completion = run(take(0));
  CHECK(completion.kind == Completion::Kind::kRetryAt);
  CHECK(completion.when > before);
  CHECK_FALSE(scheduler.committable(kP));
  CHECK(series.failures.value() == 1);
  CHECK(series.retries.value() == 1);
  CHECK(sink.sent.empty());
}

TEST_CASE_METHOD(Fixture, "after the last attempt the original record goes to the dead-letter topic") {
  answers = {kfn::EventResult::retry("a"), kfn::EventResult::retry("b"),
             kfn::EventResult::retry("still down")};
  auto work = take(4, {{"h", "1"}});
  run(work);
  run(work);
  auto completion = run(work);
  CHECK(calls.size() == 3);
  CHECK(completion.kind == Completion::Kind::kPending);
  REQUIRE(sink.sent.size() == 1);
  auto const& letter = sink.sent.front().first;
  CHECK(letter.topic == "orders-fn.dlq");
  CHECK(letter.value == "secret-value");
  CHECK(letter.headers.front() == std::pair<std::string, std::string>{"h", "1"});
  CHECK(std::count(letter.headers.begin(), letter.headers.end(),
                   std::pair<std::string, std::string>{"kfn_attempts", "3"}) == 1);
  CHECK(std::count(letter.headers.begin(), letter.headers.end(),
                   std::pair<std::string, std::string>{"kfn_error", "still down"}) == 1);
}

TEST_CASE_METHOD(Fixture, "a permanent failure is dead-lettered at once") {
  answers = {kfn::EventResult::permanent("bad input")};
  auto completion = run(take(0));
  CHECK(calls.size() == 1);
  CHECK(completion.kind == Completion::Kind::kPending);
  REQUIRE(sink.sent.size() == 1);
  CHECK(series.retries.value() == 0);
}

TEST_CASE_METHOD(Fixture, "a dead-lettered record is committed only once the write is acknowledged") {
  answers = {kfn::EventResult::permanent("bad input")};
  run(take(0));
  CHECK_FALSE(scheduler.committable(kP));
  sink.deliver();
  CHECK(scheduler.committable(kP) == 1);
  CHECK(series.dead_letters.value() == 1);
}

TEST_CASE_METHOD(Fixture, "a failed dead-letter write is written again later and never committed meanwhile") {
  answers = {kfn::EventResult::permanent("bad input")};
  auto work = take(0);
  run(work);
  sink.deliver("broker down");
  CHECK_FALSE(scheduler.committable(kP));
  CHECK(series.dead_letter_failures.value() == 1);
  CHECK(work->stage == Stage::kDeadLetter);
  run(work);  // the retry writes the dead letter again without calling the function
  CHECK(calls.size() == 1);
  REQUIRE(sink.sent.size() == 1);
  sink.deliver();
  CHECK(scheduler.committable(kP) == 1);
}

// Finished Works are recycled for later records (Scheduler::release_finished); nothing of the
// record a Work carried before may reach the function or the dead-letter topic.
TEST_CASE_METHOD(Fixture,
                 "a recycled record carries only its own bytes, to the function and the dead letter") {
  Work const* first = nullptr;
  {
    auto work = take(0, {{"ce_specversion", "1.0"}, {"ce_type", "First"}, {"x-extra", "1"}});
    first = work.get();
    run(work);
  }
  scheduler.release_finished();

  SECTION("a record with a value") {
    std::vector<Record> batch{
        Record{kP, 1, std::string("k2"), std::string("second-value"), {{"ce_type", "Second"}}}};
    scheduler.submit(batch);
    auto second = scheduler.try_next();
    REQUIRE(second.get() == first);  // the same Work, reset and refilled
    answers = {kfn::EventResult::permanent("bad input")};
    run(second);
    auto const& event = calls.back().first;
    CHECK(event.type == "Second");
    CHECK(event.data == "second-value");
    CHECK(event.key == "k2");
    CHECK(event.offset == 1);
    CHECK(event.subject == "partition:2#1");  // not a CloudEvent this time: KafkaSource's attributes
    CHECK(event.extensions.empty());
    REQUIRE(sink.sent.size() == 1);
    CHECK(sink.sent.front().first.value == "second-value");
    CHECK(second->attempts == 1);
  }
  SECTION("a tombstone after a record with a value") {
    std::vector<Record> batch{Record{kP, 1, std::nullopt, std::nullopt, {}}};
    scheduler.submit(batch);
    auto second = scheduler.try_next();
    REQUIRE(second.get() == first);
    answers = {kfn::EventResult::permanent("bad input")};
    run(second);
    auto const& event = calls.back().first;
    CHECK(event.data.empty());
    CHECK_FALSE(event.key);
    CHECK(event.type == "dev.knative.kafka.event");
    REQUIRE(sink.sent.size() == 1);
    CHECK_FALSE(sink.sent.front().first.value);  // still a tombstone on the dead-letter topic
    CHECK_FALSE(sink.sent.front().first.key);
  }
}

TEST_CASE_METHOD(Fixture, "each failure is logged once with where, attempt and trace id, never the value") {
  answers = {kfn::EventResult::retry("db down")};
  run(take(9, {{"traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}}));
  REQUIRE(log.lines.size() == 1);
  auto const& fields = log.lines[0].fields;
  CHECK(fields["topic"] == "orders");
  CHECK(fields["partition"] == 2);
  CHECK(fields["offset"] == 9);
  CHECK(fields["key"] == "k");
  CHECK(fields["attempt"] == 1);
  CHECK(fields["trace_id"] == "0af7651916cd43dd8448eb211c80319c");
  CHECK(fields.dump().find("secret-value") == std::string::npos);
}

}  // namespace
}  // namespace kfn::kafka

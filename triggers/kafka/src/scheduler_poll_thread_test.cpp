// The poll thread's share of the work: running ready records itself, and what it leaves to workers.
#include <catch2/catch.hpp>
#include <future>
#include <thread>

#include "scheduler.h"
#include "scheduler_test_support.h"

namespace kfn::kafka {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using namespace scheduler_testing;

TEST_CASE_METHOD(Fixture, "the poll thread runs what is ready itself, one record of a key at a time") {
  std::vector<Record> records{record(kP0, 0, "a"), record(kP0, 1, "a"), record(kP1, 0, "b")};
  auto first = scheduler.submit_and_take(records);
  CHECK(offset_of(first) == 0);
  CHECK(first->record.source == kP0);
  // Key a's second record waits for the first; b's is next, then the one a's completion frees.
  auto second = scheduler.help(first, Completion::finished(), true);
  CHECK(second->record.source == kP1);
  auto third = scheduler.help(second, Completion::finished(), true);
  CHECK(offset_of(third) == 1);
  CHECK(third->record.source == kP0);
  CHECK(scheduler.help(third, Completion::finished(), true) == nullptr);
  CHECK(scheduler.committable(kP0) == 2);
  CHECK(scheduler.committable(kP1) == 1);
  CHECK(scheduler.try_next() == nullptr);
}

TEST_CASE_METHOD(Fixture, "the poll thread leaves what it has no time for to the workers") {
  std::vector<Record> records{record(kP0, 0, "a"), record(kP0, 1, "b")};
  auto first = scheduler.submit_and_take(records);
  CHECK(scheduler.help(first, Completion::finished(), false) == nullptr);
  CHECK(offset_of(scheduler.try_next()) == 1);
  CHECK(scheduler.committable(kP0) == 1);
}

TEST_CASE_METHOD(Fixture, "a record the poll thread fails waits for its retry like any other") {
  std::vector<Record> records{record(kP0, 0, "a"), record(kP0, 1, "a")};
  auto first = scheduler.submit_and_take(records);
  CHECK(scheduler.help(first, Completion::retry_at(Clock::now() + 1h), true) == nullptr);
  CHECK(scheduler.try_next() == nullptr);  // the key's next record waits behind the retry
  CHECK(scheduler.committable(kP0) == std::nullopt);
}

TEST_CASE_METHOD(Fixture, "a record the poll thread finishes is filled again by its next batch, reset") {
  std::vector<Record> records{record(kP0, 0, "a")};
  auto first = scheduler.submit_and_take(records);
  Work const* const ran = first.get();
  first->error = "an earlier attempt failed";
  CHECK(scheduler.help(first, Completion::finished(), true) == nullptr);
  first.reset();
  records = {record(kP0, 1, "a")};
  auto second = scheduler.submit_and_take(records);  // no release_finished() in between
  CHECK(second.get() == ran);
  CHECK(offset_of(second) == 1);
  CHECK(second->attempts == 0);
  CHECK(second->error.empty());
}

TEST_CASE_METHOD(Fixture, "a finished record someone still holds is not filled again") {
  std::vector<Record> records{record(kP0, 0, "a")};
  auto first = scheduler.submit_and_take(records);
  WorkPtr const still_held = first;
  CHECK(scheduler.help(first, Completion::finished(), true) == nullptr);
  first.reset();
  records = {record(kP0, 1, "b")};
  auto second = scheduler.submit_and_take(records);
  CHECK(second.get() != still_held.get());
  CHECK(offset_of(still_held) == 0);
  CHECK(still_held->record.key == "a");
}

// One worker blocked in next(). The scheduler is stopped when it goes, so a failed check cannot leave
// the test waiting for the worker forever.
struct SleepingWorker {
  Scheduler& scheduler;
  std::future<WorkPtr> taken;

  explicit SleepingWorker(Scheduler& s)
      : scheduler(s), taken(std::async(std::launch::async, [&s] { return s.next(); })) {
    // Polls the scheduler's own count until the worker is asleep: that is the state under test.
    while (scheduler.workers_asleep() == 0) std::this_thread::yield();
  }
  ~SleepingWorker() { scheduler.stop(); }
  SleepingWorker(SleepingWorker const&) = delete;
  SleepingWorker& operator=(SleepingWorker const&) = delete;

  // The record it took, or nullptr if it took none within the timeout.
  WorkPtr took() { return taken.wait_for(10s) == std::future_status::ready ? taken.get() : nullptr; }
};

TEST_CASE("the poll thread calls a sleeping worker only for what it leaves") {
  Scheduler scheduler(2);
  scheduler.add_partition(kP0);
  SleepingWorker worker(scheduler);
  std::vector<Record> records{record(kP0, 0, "a"), record(kP0, 1, "b"), record(kP0, 2, "c")};
  auto mine = scheduler.submit_and_take(records);
  CHECK(offset_of(mine) == 0);
  CHECK(scheduler.workers_asleep() == 1);  // the poll thread runs the others itself while it has time
  auto next = scheduler.help(mine, Completion::finished(), true);
  CHECK(offset_of(next) == 1);
  CHECK(scheduler.workers_asleep() == 1);
  CHECK(scheduler.help(next, Completion::finished(), false) == nullptr);  // its time is up
  CHECK(offset_of(worker.took()) == 2);
}

TEST_CASE("a sleeping worker waits for the retry of a record the poll thread ran") {
  Scheduler scheduler(2);
  scheduler.add_partition(kP0);
  SleepingWorker worker(scheduler);
  std::vector<Record> records{record(kP0, 0, "a")};
  auto mine = scheduler.submit_and_take(records);
  CHECK(scheduler.help(mine, Completion::retry_at(Clock::now() + 20ms), true) == nullptr);
  // The poll thread has gone back to polling: the worker is the one to run the retry when it is due.
  CHECK(offset_of(worker.took()) == 0);
}

}  // namespace
}  // namespace kfn::kafka

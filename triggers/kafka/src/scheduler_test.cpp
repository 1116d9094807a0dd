#include "scheduler.h"

#include <catch2/catch.hpp>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

#include "scheduler_test_support.h"

namespace kfn::kafka {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using namespace scheduler_testing;

TEST_CASE_METHOD(Fixture, "records of one key run one at a time, in offset order") {
  submit({record(kP0, 0, "k"), record(kP0, 1, "k"), record(kP0, 2, "k")});
  auto first = scheduler.try_next();
  CHECK(offset_of(first) == 0);
  CHECK(scheduler.try_next() == nullptr);
  scheduler.complete(first, Completion::finished());
  auto second = scheduler.try_next();
  CHECK(offset_of(second) == 1);
  CHECK(scheduler.try_next() == nullptr);
  scheduler.complete(second, Completion::finished());
  CHECK(offset_of(scheduler.try_next()) == 2);
}

TEST_CASE_METHOD(Fixture, "a key whose records are all done runs its next record at once, swept or not") {
  submit({record(kP0, 0, "k")});
  scheduler.complete(scheduler.try_next(), Completion::finished());
  submit({record(kP0, 1, "k")});
  auto second = scheduler.try_next();
  CHECK(offset_of(second) == 1);
  scheduler.complete(second, Completion::finished());
  scheduler.release_finished();
  submit({record(kP0, 2, "k"), record(kP0, 3, "k")});
  CHECK(offset_of(scheduler.try_next()) == 2);
  CHECK(scheduler.try_next() == nullptr);
  CHECK(scheduler.committable(kP0) == 2);
}

TEST_CASE_METHOD(Fixture, "different keys of one partition may run at the same time") {
  submit({record(kP0, 0, "a"), record(kP0, 1, "b"), record(kP0, 2, "a")});
  CHECK(offset_of(scheduler.try_next()) == 0);
  CHECK(offset_of(scheduler.try_next()) == 1);
  CHECK(scheduler.try_next() == nullptr);
}

TEST_CASE_METHOD(Fixture, "the same key in two partitions is two lanes") {
  submit({record(kP0, 0, "k"), record(kP1, 0, "k")});
  CHECK(scheduler.try_next() != nullptr);
  CHECK(scheduler.try_next() != nullptr);
}

TEST_CASE_METHOD(Fixture, "keyless records never wait for one another") {
  submit({record(kP0, 0, std::nullopt), record(kP0, 1, std::nullopt), record(kP0, 2, std::nullopt)});
  CHECK(scheduler.try_next() != nullptr);
  CHECK(scheduler.try_next() != nullptr);
  CHECK(scheduler.try_next() != nullptr);
}

TEST_CASE_METHOD(Fixture, "a record waiting for a retry holds back its own key and no other") {
  submit({record(kP0, 0, "a"), record(kP0, 1, "a"), record(kP0, 2, "b")});
  auto failing = scheduler.try_next();
  REQUIRE(offset_of(failing) == 0);
  scheduler.complete(failing, Completion::retry_at(Clock::now() + 1h));
  CHECK(offset_of(scheduler.try_next()) == 2);
  CHECK(scheduler.try_next() == nullptr);
}

TEST_CASE_METHOD(Fixture, "a retried record runs again once its delay has passed, before its key moves on") {
  submit({record(kP0, 0, "a"), record(kP0, 1, "a")});
  auto failing = scheduler.try_next();
  scheduler.complete(failing, Completion::retry_at(Clock::now() + 20ms));
  auto again = std::async(std::launch::async, [&] { return scheduler.next(); });
  REQUIRE(again.wait_for(10s) == std::future_status::ready);
  auto retried = again.get();
  CHECK(retried == failing);
  scheduler.complete(retried, Completion::finished());
  CHECK(offset_of(scheduler.try_next()) == 1);
}

TEST_CASE_METHOD(Fixture, "a record that is pending elsewhere keeps its key busy until it is completed") {
  submit({record(kP0, 0, "a"), record(kP0, 1, "a")});
  auto first = scheduler.try_next();
  scheduler.complete(first, Completion::pending());
  CHECK(scheduler.try_next() == nullptr);
  CHECK_FALSE(scheduler.committable(kP0));
  scheduler.complete(first, Completion::finished());
  CHECK(offset_of(scheduler.try_next()) == 1);
  CHECK(scheduler.committable(kP0) == 1);
}

TEST_CASE_METHOD(Fixture, "the committable offset follows finished records, never past an unfinished one") {
  submit({record(kP0, 0, "a"), record(kP0, 1, "b"), record(kP0, 2, "c")});
  auto a = scheduler.try_next();
  auto b = scheduler.try_next();
  auto c = scheduler.try_next();
  scheduler.complete(c, Completion::finished());
  scheduler.complete(b, Completion::finished());
  CHECK_FALSE(scheduler.committable(kP0));
  CHECK(scheduler.in_flight(kP0) == 3);
  scheduler.complete(a, Completion::finished());
  CHECK(scheduler.committable(kP0) == 3);
  CHECK(scheduler.in_flight(kP0) == 0);
}

Record skipped(PartitionId const& partition, std::int64_t offset, std::optional<std::string> key) {
  auto r = record(partition, offset, std::move(key));
  r.skip = true;
  return r;
}

TEST_CASE_METHOD(
    Fixture, "a skipped record never runs, holds back no key and is committable once those before it are") {
  submit({record(kP0, 0, "k"), skipped(kP0, 1, "k"), skipped(kP0, 2, "other"), record(kP0, 3, "k")});
  auto first = scheduler.try_next();
  CHECK(offset_of(first) == 0);
  CHECK(scheduler.try_next() == nullptr);  // 3 waits for 0, its key's record before it; 1 and 2 never run
  CHECK_FALSE(scheduler.committable(kP0));
  CHECK(scheduler.in_flight(kP0) == 4);
  scheduler.complete(first, Completion::finished());
  CHECK(scheduler.committable(kP0) == 3);  // past the skipped ones
  auto last = scheduler.try_next();
  CHECK(offset_of(last) == 3);
  scheduler.complete(last, Completion::finished());
  CHECK(scheduler.try_next() == nullptr);
  CHECK(scheduler.committable(kP0) == 4);
  CHECK(scheduler.in_flight(kP0) == 0);
}

TEST_CASE_METHOD(Fixture, "a partition whose records are all skipped commits them at once") {
  submit({skipped(kP1, 7, "a"), skipped(kP1, 8, std::nullopt)});
  CHECK(scheduler.try_next() == nullptr);
  auto points = scheduler.take_commit_points();
  REQUIRE(points.size() == 1);
  CHECK(points[0].partition == kP1);
  CHECK(points[0].offset == 9);
}

TEST_CASE_METHOD(Fixture, "commit points are reported once per change") {
  submit({record(kP0, 0, "a"), record(kP1, 5, "a")});
  scheduler.complete(scheduler.try_next(), Completion::finished());
  auto points = scheduler.take_commit_points();
  REQUIRE(points.size() == 1);
  CHECK(points[0].partition == kP0);
  CHECK(points[0].offset == 1);
  CHECK(scheduler.take_commit_points().empty());
}

TEST_CASE_METHOD(Fixture, "records of partitions not assigned and offsets seen before are dropped") {
  submit({record({"other", 0}, 0, "a"), record(kP0, 3, "a")});
  submit({record(kP0, 3, "b"), record(kP0, 2, "c")});
  CHECK(offset_of(scheduler.try_next()) == 3);
  CHECK(scheduler.try_next() == nullptr);
  CHECK(scheduler.in_flight(kP0) == 1);
}

TEST_CASE_METHOD(Fixture, "removing a partition abandons its records and returns its commit point") {
  submit({record(kP0, 0, "a"), record(kP0, 1, "b"), record(kP0, 2, "b"), record(kP0, 3, "c"),
          record(kP1, 0, "a")});
  auto a = scheduler.try_next();
  auto b = scheduler.try_next();
  scheduler.complete(a, Completion::finished());
  auto c = scheduler.try_next();
  scheduler.complete(c, Completion::retry_at(Clock::now() + 1h));
  auto points = scheduler.remove_partitions({kP0});
  REQUIRE(points.size() == 1);
  CHECK(points[0].offset == 1);
  scheduler.complete(b, Completion::finished());  // a late finish of an abandoned record is ignored
  auto remaining = scheduler.try_next();
  CHECK(remaining->record.source == kP1);
  CHECK(scheduler.try_next() == nullptr);
  CHECK(scheduler.partitions() == std::vector<PartitionId>{kP1});
}

TEST_CASE_METHOD(Fixture, "removing a partition frees its records at once, even those behind a running one") {
  submit({record(kP0, 0, "a"), record(kP0, 1, "a"), record(kP0, 2, "b")});
  auto running = scheduler.try_next();
  REQUIRE(offset_of(running) == 0);
  std::weak_ptr<Work> behind = running->next_in_lane;
  REQUIRE_FALSE(behind.expired());
  scheduler.remove_partitions({kP0});
  CHECK(behind.expired());
}

TEST_CASE_METHOD(Fixture, "a partition is settled when nothing is ready or running, retries aside") {
  submit({record(kP0, 0, "a"), record(kP0, 1, "b")});
  CHECK_FALSE(scheduler.wait_until_settled({kP0}, Clock::now()));
  auto a = scheduler.try_next();
  auto b = scheduler.try_next();
  scheduler.complete(a, Completion::retry_at(Clock::now() + 1h));
  CHECK_FALSE(scheduler.wait_until_settled({kP0}, Clock::now()));
  CHECK(scheduler.wait_until_settled({kP1}, Clock::now()));
  auto finisher = std::async(std::launch::async, [&] { scheduler.complete(b, Completion::finished()); });
  CHECK(scheduler.wait_until_settled({kP0}, Clock::now() + 10s));
}

TEST_CASE_METHOD(Fixture, "stop wakes a worker waiting for records") {
  auto waiting = std::async(std::launch::async, [&] { return scheduler.next(); });
  scheduler.stop();
  REQUIRE(waiting.wait_for(10s) == std::future_status::ready);
  CHECK(waiting.get() == nullptr);
}

TEST_CASE_METHOD(Fixture, "a waiting worker is woken by a new record") {
  auto waiting = std::async(std::launch::async, [&] { return scheduler.next(); });
  submit({record(kP0, 0, "a")});
  REQUIRE(waiting.wait_for(10s) == std::future_status::ready);
  CHECK(offset_of(waiting.get()) == 0);
}

// Each retry below is due earlier than the last, so it wakes the sleeping worker, and the retries
// outgrow the heap's storage several times while it sleeps. A worker that waited on a reference into
// that storage read freed memory on waking: the ASan build reports it (found in the chat tests, where
// notify-push's retries after MySQL deadlocks raced this way).
TEST_CASE_METHOD(Fixture, "a worker sleeping until a retry is due is unharmed by retries added meanwhile") {
  constexpr int kRecords = 40;
  std::vector<Record> records;
  for (int i = 0; i < kRecords; ++i) records.push_back(record(kP0, i, "k" + std::to_string(i)));
  submit(records);
  std::vector<WorkPtr> running;
  for (int i = 0; i < kRecords; ++i) running.push_back(scheduler.try_next());
  auto const far = Clock::now() + 1h;
  scheduler.complete(running[0], Completion::retry_at(far));
  auto sleeper = std::async(std::launch::async, [&] { return scheduler.next(); });
  for (int i = 1; i < kRecords; ++i) {
    // Polls the scheduler's own count until the worker is back asleep: that is the state under test.
    while (scheduler.workers_asleep() == 0) std::this_thread::yield();
    scheduler.complete(running[static_cast<std::size_t>(i)], Completion::retry_at(far - i * 1s));
  }
  while (scheduler.workers_asleep() == 0) std::this_thread::yield();
  scheduler.stop();
  REQUIRE(sleeper.wait_for(10s) == std::future_status::ready);
  CHECK(sleeper.get() == nullptr);  // nothing was due yet
}

// Two worker threads; records with key "slow" block until released.
struct Workers {
  Scheduler& scheduler;
  std::mutex mutex;
  std::condition_variable changed;
  bool release_slow = false;
  bool slow_running = false;
  std::vector<std::int64_t> done;
  std::vector<std::thread> threads;

  explicit Workers(Scheduler& s) : scheduler(s) {
    for (int i = 0; i < 2; ++i) threads.emplace_back([this] { run(); });
  }
  ~Workers() {
    {
      std::lock_guard lock(mutex);
      release_slow = true;
    }
    changed.notify_all();
    scheduler.stop();
    for (auto& t : threads) t.join();
  }
  void run() {
    for (auto work = scheduler.next(); work;) {
      std::unique_lock lock(mutex);
      if (work->record.key == "slow") {
        slow_running = true;
        changed.notify_all();
        changed.wait(lock, [&] { return release_slow; });
      }
      done.push_back(work->record.offset);
      changed.notify_all();
      lock.unlock();
      work = scheduler.complete_and_next(work, Completion::finished());
    }
  }
  template <typename Predicate>
  bool wait(Predicate ready, std::chrono::milliseconds timeout = 10s) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, timeout, ready);
  }
};

TEST_CASE("another key runs while the only busy worker is stuck in a slow handler") {
  Scheduler scheduler(1);  // one worker at a time while handlers are quick
  scheduler.add_partition(kP0);
  Workers workers(scheduler);
  std::vector<Record> slow{record(kP0, 0, "slow")};
  scheduler.submit(slow);
  REQUIRE(workers.wait([&] { return workers.slow_running; }));
  std::vector<Record> other{record(kP0, 1, "other")};
  scheduler.submit(other);
  // The poll thread's regular call notices that the busy worker is stuck and calls the other one.
  auto const give_up = Clock::now() + 10s;
  bool other_done = false;
  while (!other_done && Clock::now() < give_up) {
    scheduler.help_if_stuck();
    other_done = workers.wait([&] { return !workers.done.empty(); }, 10ms);
  }
  CHECK(workers.done == std::vector<std::int64_t>{1});
}

}  // namespace
}  // namespace kfn::kafka

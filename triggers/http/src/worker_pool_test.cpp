#include "worker_pool.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <fstream>
#include <future>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

namespace kfn::http {

TEST_CASE("submitted tasks run on the pool") {
  std::promise<int> result;
  WorkerPool pool(2, 8);
  REQUIRE(pool.try_submit([&] { result.set_value(42); }));
  CHECK(result.get_future().get() == 42);
}

TEST_CASE("workers carry the pool's thread name, so top and perf tell them apart") {
  std::promise<std::string> name;
  WorkerPool pool(1, 8);
  REQUIRE(pool.try_submit([&] {
    std::ifstream comm("/proc/thread-self/comm");
    std::string line;
    std::getline(comm, line);
    name.set_value(line);
  }));
  CHECK(name.get_future().get() == "kfn-http-work");
}

TEST_CASE("a full queue refuses new tasks instead of growing") {
  std::promise<void> started;
  std::promise<void> release;
  auto release_future = release.get_future().share();
  WorkerPool pool(1, 1);  // declared last: joined before the promises its tasks use go away
  REQUIRE(pool.try_submit([&] {
    started.set_value();
    release_future.wait();
  }));
  started.get_future().wait();  // the only worker is busy, so the queue holds what comes next
  CHECK(pool.try_submit([] {}));
  CHECK(pool.queued() == 1);
  CHECK_FALSE(pool.try_submit([] {}));
  release.set_value();
}

TEST_CASE("stop lets the running task finish, drops waiting ones and refuses new ones") {
  std::promise<void> started;
  std::promise<void> release;
  auto release_future = release.get_future().share();
  std::atomic<bool> finished{false};
  std::atomic<bool> dropped_ran{false};
  WorkerPool pool(1, 4);
  REQUIRE(pool.try_submit([&] {
    started.set_value();
    release_future.wait();
    finished = true;
  }));
  started.get_future().wait();
  REQUIRE(pool.try_submit([&] { dropped_ran = true; }));
  auto stopping = std::async(std::launch::async, [&] { pool.stop(); });
  // stop() empties the queue in the same step as it starts refusing; the busy worker cannot.
  while (pool.queued() != 0) std::this_thread::yield();
  release.set_value();
  stopping.get();
  CHECK(finished);
  CHECK_FALSE(dropped_ran);
  CHECK_FALSE(pool.try_submit([] {}));
}

TEST_CASE("a task that throws does not kill its worker") {
  std::promise<void> ran;
  WorkerPool pool(1, 4);
  REQUIRE(pool.try_submit([] { throw std::runtime_error("boom"); }));
  REQUIRE(pool.try_submit([&] { ran.set_value(); }));
  ran.get_future().wait();
}

TEST_CASE("tasks that block each get a worker of their own, submitted at once or one by one") {
  // Each task waits until all of them run: it finishes only if no task waits behind another, which
  // needs sleepers to be woken even while a worker spins looking for work.
  constexpr int kTasks = 6;
  for (bool spaced : {false, true}) {
    std::atomic<int> running{0};
    std::promise<void> all_running;
    std::once_flag release_once;
    auto release = [&] { std::call_once(release_once, [&] { all_running.set_value(); }); };
    std::atomic<int> finished{0};
    std::promise<void> all_finished;
    auto all_running_future = all_running.get_future().share();
    WorkerPool pool(kTasks, kTasks);
    for (int i = 0; i < kTasks; ++i) {
      REQUIRE(pool.try_submit([&] {
        if (++running == kTasks) release();
        all_running_future.wait();
        if (++finished == kTasks) all_finished.set_value();
      }));
      if (spaced) std::this_thread::yield();
    }
    // A deadline, not a sleep: a serialised pool never finishes, and the test must fail, not hang.
    CHECK(all_finished.get_future().wait_for(std::chrono::seconds(20)) == std::future_status::ready);
    release();  // after a failure, lets the blocked tasks go so the pool can be joined
  }
}

}  // namespace kfn::http

// The poll thread's stand-in. While the poll thread runs a record itself (ConsumerLoop::run_ready),
// nobody polls; if that record's handler takes longer than `stand_in_after`, the watchdog takes the
// poll role and polls in its place, handing every record to the workers, until the poll thread is
// done with it. So a handler that turns slow on the poll thread holds back neither other keys nor
// the fetching of any partition.
#include "consumer_loop.h"
#include "kfn/host/thread_name.h"

namespace kfn::kafka {
namespace {

// Short, because the poll thread waits for the role once it is done with its record.
constexpr int kStandInPollMs = 2;

}  // namespace

// Sleeps without a timeout while the poll thread runs no record itself; otherwise wakes when the
// record it runs would count as held up.
void ConsumerLoop::watch() {
  kfn::host::name_this_thread("kfn-kafka-watch");
  std::unique_lock lock(watch_mutex_);
  while (!watch_stopped_) {
    auto const since = running_here_since_.load();
    if (since == 0) {
      watchdog_idle_.store(true);
      // Looked at again after saying so: started_running_here() either sees the watchdog idle and
      // notifies it, or the watchdog sees its record here.
      if (running_here_since_.load() == 0) watch_wakeup_.wait(lock);
      watchdog_idle_.store(false);
      continue;
    }
    auto const held_up_at = Clock::time_point(Clock::duration(since)) + settings_.stand_in_after;
    if (Clock::now() < held_up_at) {
      watch_wakeup_.wait_until(lock, held_up_at);
      continue;
    }
    lock.unlock();
    stand_in(since);
    lock.lock();
  }
}

void ConsumerLoop::stand_in(Clock::rep held_up_since) {
  std::unique_lock role(poll_role_);  // free: the poll thread lets go of it while it runs records
  while (!stop_requested_ && running_here_since_.load() == held_up_since) {
    consume_batch(kStandInPollMs, false);
    housekeeping(Clock::now());
  }
}

void ConsumerLoop::started_running_here(Clock::time_point started) {
  running_here_since_.store(started.time_since_epoch().count());
  if (watchdog_idle_.load()) {
    std::lock_guard lock(watch_mutex_);
    watch_wakeup_.notify_one();
  }
}

void ConsumerLoop::stop_watching() {
  {
    std::lock_guard lock(watch_mutex_);
    watch_stopped_ = true;
  }
  watch_wakeup_.notify_all();
  if (watchdog_.joinable()) watchdog_.join();
}

}  // namespace kfn::kafka

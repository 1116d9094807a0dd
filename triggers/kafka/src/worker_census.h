// How many of a function's workers to keep awake. Waking a thread costs more than a fast handler, so
// a burst of records wakes one worker, and no more than max_busy (the cores) run at once while their
// handlers are quick. A worker inside one handler for longer than kStaleAfter (waiting on I/O, or
// simply slow) no longer counts, so blocked workers are replaced up to the function's concurrency and
// a slow key never holds back the others.
#pragma once

#include <chrono>
#include <cstddef>
#include <vector>

namespace kfn::kafka {

// Not thread-safe: the Scheduler calls it under its own lock.
class WorkerCensus {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::microseconds kStaleAfter{50};

  explicit WorkerCensus(std::size_t max_busy) : max_busy_(max_busy < 1 ? 1 : max_busy) {}

  void start_searching() { ++searching_; }
  void stop_searching() { --searching_; }
  // The searching worker took a record at `now` (times arrive in order, under the scheduler's lock).
  void took_record(Clock::time_point now);
  // The worker that took a record at `started` is done with it.
  void done_with_record(Clock::time_point started);
  void fall_asleep();
  void wake_up();  // for whatever reason: a notification, a timeout, or spuriously
  // The caller notifies one sleeping worker after this.
  void wake_sent() { ++pending_wakes_; }

  // Whether records waiting to run call for one more worker.
  [[nodiscard]] bool should_wake(bool records_waiting, Clock::time_point now) const;
  // `besides`: searching workers not to count (the poll thread helping, which never sleeps here).
  [[nodiscard]] bool anyone_searching_or_waking(std::size_t besides = 0) const {
    return searching_ > besides || pending_wakes_ > 0;
  }
  [[nodiscard]] bool anyone_to_wake() const { return sleeping_ > pending_wakes_; }
  [[nodiscard]] std::size_t asleep() const { return sleeping_ - pending_wakes_; }  // and not yet called
  [[nodiscard]] std::size_t fresh_running(Clock::time_point now) const;

 private:
  std::size_t max_busy_;
  std::size_t searching_ = 0;                     // awake, looking for a record
  std::size_t sleeping_ = 0;                      // blocked waiting for records
  std::size_t pending_wakes_ = 0;                 // notified, not yet awake
  std::vector<Clock::time_point> running_since_;  // when each running worker took its record, in order
};

}  // namespace kfn::kafka

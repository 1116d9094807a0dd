// Counting searching, sleeping and running workers.
#include "worker_census.h"

#include <algorithm>

namespace kfn::kafka {

void WorkerCensus::took_record(Clock::time_point now) {
  --searching_;
  running_since_.push_back(now);
}

void WorkerCensus::done_with_record(Clock::time_point started) {
  auto it = std::lower_bound(running_since_.begin(), running_since_.end(), started);
  if (it != running_since_.end() && *it == started) running_since_.erase(it);
}

void WorkerCensus::fall_asleep() {
  --searching_;
  ++sleeping_;
}

void WorkerCensus::wake_up() {
  --sleeping_;
  if (pending_wakes_ > 0) --pending_wakes_;
  ++searching_;
}

std::size_t WorkerCensus::fresh_running(Clock::time_point now) const {
  auto stale_before = std::upper_bound(running_since_.begin(), running_since_.end(), now - kStaleAfter);
  return static_cast<std::size_t>(running_since_.end() - stale_before);
}

bool WorkerCensus::should_wake(bool records_waiting, Clock::time_point now) const {
  if (!records_waiting || anyone_searching_or_waking() || sleeping_ == 0) return false;
  return fresh_running(now) < max_busy_;
}

}  // namespace kfn::kafka

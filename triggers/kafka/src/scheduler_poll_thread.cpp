// The poll thread's share of the work (see Scheduler::submit_and_take): it submits a batch as one more
// searching worker and runs what is ready itself, so a quick record costs no hand-off to another thread.
#include "scheduler.h"

namespace kfn::kafka {

WorkPtr Scheduler::submit_and_take(std::span<Record> records) {
  std::lock_guard lock(mutex_);
  auto const now = Clock::now();
  start_helping_locked();
  submit_all_locked(records, now);
  return take_or_stop_searching_locked(now);
}

WorkPtr Scheduler::help(WorkPtr const& done, Completion completion, bool go_on) {
  std::lock_guard lock(mutex_);
  auto const now = Clock::now();
  census_.done_with_record(done->started_at);
  if (go_on) start_helping_locked();  // the record its key frees is the helper's to take
  complete_locked(done, completion, now, Recycle::kNowIfUnshared);
  if (go_on) return take_or_stop_searching_locked(now);
  wake_if_needed_locked(now);  // records left ready: a sleeping worker takes them
  return nullptr;
}

void Scheduler::start_helping_locked() {
  census_.start_searching();
  helper_searching_ = true;
}

WorkPtr Scheduler::take_or_stop_searching_locked(Clock::time_point now) {
  helper_searching_ = false;
  auto work = stopped_ ? nullptr : take_ready_locked(now);
  if (!work) {
    census_.stop_searching();
    return nullptr;
  }
  census_.took_record(now);
  work->started_at = now;
  // No worker is called for the records still waiting: the helper runs them itself until its time is
  // up and then hands them over (help with go_on false). A worker beside it costs more per record in
  // lock and cache traffic than a quick handler does.
  return work;
}

}  // namespace kfn::kafka

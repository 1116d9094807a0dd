// Group commit for function code: concurrent invocations share one transaction. Every durable
// commit costs an fsync and every statement a round trip, so one invocation per transaction bounds a
// function by MySQL's latency and CPU per statement; a batch pays those once for all the invocations
// that arrived meanwhile.
//
// Flat combining: a caller that finds a leader's place free becomes a leader and runs batches of
// whatever is waiting until its own item is done, then hands the place to the next waiter. The others
// sleep until their item is done. Up to `max_leaders` batches run at once: a commit waits for an fsync
// (milliseconds here), and InnoDB merges the flushes of concurrent commits, so overlapping batches
// multiply throughput. No thread of its own, so an idle function holds no resources.
//
// The batch runner answers each item through the item itself, and usually falls back to one
// transaction per item when the shared one fails, so one bad item fails alone.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <span>
#include <utility>
#include <vector>

#include "kfn/context.h"

namespace common {

struct GroupCommitLimits {
  std::size_t max_batch = 64;
  std::size_t max_leaders = 4;
};

// Thread-safe. `Item` is whatever one invocation hands over and reads its answer from.
template <typename Item>
class GroupCommit {
 public:
  // Runs one batch with the leader's context, answering each item through the item itself.
  using RunBatch = std::function<void(kfn::Context& leader, std::span<Item*> batch)>;

  explicit GroupCommit(RunBatch run, GroupCommitLimits limits = {}) : run_(std::move(run)), limits_(limits) {}

  // Blocks until `item` has been through a batch, run by this caller or another. Returns what the
  // batch runner threw (the same exception for every item of that batch), or null.
  std::exception_ptr run(kfn::Context& ctx, Item& item) {
    Waiter self{&item};
    std::unique_lock lock(mutex_);
    waiting_.push_back(&self);
    while (!self.done) {
      // Another leader may have taken this item already: then there may be nothing left to lead.
      if (leaders_ < limits_.max_leaders && !waiting_.empty()) {
        run_one_batch(ctx, lock);
      } else {
        self.wake.wait(lock);
      }
    }
    // The place this caller led from is free again: whoever waits longest takes it.
    if (!waiting_.empty() && leaders_ < limits_.max_leaders) waiting_.front()->wake.notify_one();
    return self.error;
  }

  // Items waiting for a batch (not those in a running one).
  [[nodiscard]] std::size_t waiting() const {
    std::lock_guard lock(mutex_);
    return waiting_.size();
  }

 private:
  struct Waiter {
    explicit Waiter(Item* i) : item(i) {}
    Item* item;
    std::condition_variable wake;
    bool done = false;
    std::exception_ptr error;
  };

  // Called and returns with the lock held; runs the batch without it.
  void run_one_batch(kfn::Context& ctx, std::unique_lock<std::mutex>& lock) {
    ++leaders_;
    std::vector<Waiter*> batch;
    std::vector<Item*> items;
    while (!waiting_.empty() && batch.size() < limits_.max_batch) {
      batch.push_back(waiting_.front());
      items.push_back(waiting_.front()->item);
      waiting_.pop_front();
    }
    lock.unlock();
    std::exception_ptr error;
    try {
      run_(ctx, items);
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    --leaders_;
    for (auto* waiter : batch) {
      waiter->error = error;
      waiter->done = true;
      waiter->wake.notify_one();  // the leader's own wakes nobody: it is running this
    }
  }

  RunBatch run_;
  GroupCommitLimits limits_;
  mutable std::mutex mutex_;
  std::deque<Waiter*> waiting_;
  std::size_t leaders_ = 0;
};

// The usual batch runner: `together(batch)` runs the batch in one transaction and returns false
// when it had to give up (rolling back); then `alone(item)` runs each item in a transaction of its
// own, and what one throws fails only that item (`item->error`).
template <typename Item, typename Together, typename Alone>
void together_or_one_by_one(std::span<Item*> batch, Together together, Alone alone) {
  if (batch.size() > 1 && together(batch)) return;
  for (auto* item : batch) {
    try {
      alone(*item);
    } catch (...) {
      item->error = std::current_exception();
    }
  }
}

}  // namespace common

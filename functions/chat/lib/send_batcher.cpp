#include "lib/send_batcher.h"

#include <stdexcept>
#include <vector>

namespace chat {

kfn::HttpResponse SendBatcher::send(kfn::Context& ctx, PendingSend& send) {
  Waiter self{&send, {}, false};
  std::unique_lock lock(mutex_);
  waiting_.push_back(&self);
  while (!self.done) {
    // Another leader may have taken this send already: then there may be nothing left to lead.
    if (leaders_ < kMaxLeaders && !waiting_.empty()) {
      run_one_batch(ctx, lock);
    } else {
      self.wake.wait(lock);
    }
  }
  // The place this caller led from is free again: whoever waits longest takes it.
  if (!waiting_.empty() && leaders_ < kMaxLeaders) waiting_.front()->wake.notify_one();
  lock.unlock();
  if (send.error) std::rethrow_exception(send.error);
  return std::move(*send.response);
}

std::size_t SendBatcher::waiting() const {
  std::lock_guard lock(mutex_);
  return waiting_.size();
}

// Called and returns with the lock held; runs the batch without it.
void SendBatcher::run_one_batch(kfn::Context& ctx, std::unique_lock<std::mutex>& lock) {
  ++leaders_;
  std::vector<Waiter*> batch;
  std::vector<PendingSend*> sends;
  while (!waiting_.empty() && batch.size() < kMaxBatch) {
    batch.push_back(waiting_.front());
    sends.push_back(waiting_.front()->send);
    waiting_.pop_front();
  }
  lock.unlock();
  try {
    run_(ctx, sends);
    for (auto* send : sends) {
      if (!send->response && !send->error) throw std::logic_error("a send of the batch got no answer");
    }
  } catch (...) {
    for (auto* send : sends) {
      if (!send->response && !send->error) send->error = std::current_exception();
    }
  }
  lock.lock();
  --leaders_;
  for (auto* waiter : batch) {
    waiter->done = true;
    waiter->wake.notify_one();  // the leader's own wakes nobody: it is running this
  }
}

}  // namespace chat

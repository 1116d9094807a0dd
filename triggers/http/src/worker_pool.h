// A fixed set of threads that run functions (which block on MySQL and Redis), fed by a bounded
// queue: when the queue is full, submitting fails at once so the caller can answer 503.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace kfn::http {

// Thread-safe. Tasks must not throw (an escaping exception is swallowed, not propagated).
// The destructor stops the pool.
class WorkerPool {
 public:
  WorkerPool(int threads, std::size_t queue_capacity);
  ~WorkerPool();
  WorkerPool(WorkerPool const&) = delete;
  WorkerPool& operator=(WorkerPool const&) = delete;

  // False when `queue_capacity` tasks are already waiting, or after stop().
  bool try_submit(std::function<void()> task);
  // Refuses new tasks, lets running ones finish, drops the waiting ones (destroying them) and joins.
  void stop();
  [[nodiscard]] std::size_t queued() const;

 private:
  void run();

  std::size_t const capacity_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::size_t sleeping_ = 0;  // workers blocked on wake_: only they need a notify
  std::size_t spinning_ = 0;  // workers yielding while they look for the next task (at most one)
  std::vector<std::thread> threads_;
};

}  // namespace kfn::http

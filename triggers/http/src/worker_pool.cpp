#include "worker_pool.h"

#include <algorithm>

#include "kfn/host/thread_name.h"

namespace kfn::http {
namespace {

// A worker that just finished looks for the next task a few times before sleeping: under load the
// next request is usually microseconds away, and a futex sleep and wake per request (two context
// switches) cost more than the request itself. Only one worker spins at a time: when functions block
// on MySQL, dozens of workers finish at once, and all of them yielding in turn on two cores burned
// most of the CPU in context switches (measured on the send-message benchmark).
constexpr int kYieldsBeforeSleep = 64;
constexpr std::size_t kMaxSpinning = 1;

}  // namespace

WorkerPool::WorkerPool(int threads, std::size_t queue_capacity)
    : capacity_(std::max<std::size_t>(1, queue_capacity)) {
  auto count = std::max(1, threads);
  threads_.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) threads_.emplace_back([this] { run(); });
}

WorkerPool::~WorkerPool() { stop(); }

bool WorkerPool::try_submit(std::function<void()> task) {
  bool wake_one = false;
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || queue_.size() >= capacity_) return false;
    queue_.push_back(std::move(task));
    // A spinning worker takes one waiting task; waking a sleeper for it as well would cost a futex
    // call and a context switch. Tasks beyond what the spinners take each wake a sleeper.
    wake_one = sleeping_ > 0 && queue_.size() > spinning_;
  }
  if (wake_one) wake_.notify_one();
  return true;
}

void WorkerPool::stop() {
  std::deque<std::function<void()>> dropped;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    dropped.swap(queue_);
  }
  wake_.notify_all();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  // Destroyed outside the lock: a task's captures may do work when they go (e.g. release a guard).
  dropped.clear();
}

std::size_t WorkerPool::queued() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

void WorkerPool::run() {
  kfn::host::name_this_thread("kfn-http-work");
  while (true) {
    std::function<void()> task;
    {
      std::unique_lock lock(mutex_);
      if (queue_.empty() && spinning_ < kMaxSpinning) {
        ++spinning_;
        for (int i = 0; i < kYieldsBeforeSleep && !stopping_ && queue_.empty(); ++i) {
          lock.unlock();
          std::this_thread::yield();
          lock.lock();
        }
        --spinning_;
      }
      while (!stopping_ && queue_.empty()) {
        ++sleeping_;
        wake_.wait(lock);
        --sleeping_;
      }
      if (stopping_) return;
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    try {
      task();
    } catch (...) {  // NOLINT(bugprone-empty-catch): tasks handle their own errors; never kill a worker
    }
  }
}

}  // namespace kfn::http

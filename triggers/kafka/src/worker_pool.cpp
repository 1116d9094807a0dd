// Worker threads: take, handle, complete, repeat.
#include "worker_pool.h"

#include <chrono>
#include <exception>

#include "kfn/host/thread_name.h"

namespace kfn::kafka {

WorkerPool::WorkerPool(Scheduler& scheduler, RecordHandler& handler, kfn::Logger& log)
    : scheduler_(scheduler), handler_(handler), log_(log) {}

WorkerPool::~WorkerPool() { join(); }

void WorkerPool::start(int threads) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
}

void WorkerPool::join() {
  for (auto& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
  threads_.clear();
}

void WorkerPool::run() {
  kfn::host::name_this_thread("kfn-kafka-work");
  for (auto work = scheduler_.next(); work;) {
    auto completion = run_one(work);
    work = scheduler_.complete_and_next(work, completion);
  }
}

// FunctionHost::invoke_event is the function's error boundary; this one catches the trigger's own
// failures (allocation, a dead-letter producer that throws) so a record is retried, never lost.
Completion WorkerPool::run_one(WorkPtr const& work) {
  try {
    return handler_.handle(work);
  } catch (std::exception const& e) {
    log_.error("kafka trigger failed to handle a record, will retry",
               {{"topic", work->record.source.topic},
                {"partition", work->record.source.partition},
                {"offset", work->record.offset},
                {"error", e.what()}});
  }
  return Completion::retry_at(std::chrono::steady_clock::now() + std::chrono::seconds(1));
}

}  // namespace kfn::kafka

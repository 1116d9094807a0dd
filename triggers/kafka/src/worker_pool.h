// The threads that run one function's records: `concurrency` of them, each taking whatever record the
// scheduler says may run next.
#pragma once

#include <thread>
#include <vector>

#include "kfn/log.h"
#include "record_handler.h"
#include "scheduler.h"

namespace kfn::kafka {

// start() and join() from one owning thread. The scheduler, handler and log must outlive join().
class WorkerPool {
 public:
  WorkerPool(Scheduler& scheduler, RecordHandler& handler, kfn::Logger& log);
  ~WorkerPool();  // joins; the scheduler must have been stopped
  WorkerPool(WorkerPool const&) = delete;
  WorkerPool& operator=(WorkerPool const&) = delete;

  void start(int threads);
  // Returns once every worker has seen the scheduler stop.
  void join();

  // Handles one record the scheduler gave out, as a worker does; for the poll thread's share.
  Completion run_one(WorkPtr const& work);

 private:
  void run();

  Scheduler& scheduler_;
  RecordHandler& handler_;
  kfn::Logger& log_;
  std::vector<std::thread> threads_;
};

}  // namespace kfn::kafka

// Everything that consumes for one Kafka-triggered function: its metrics, scheduler, worker pool and
// consumer, wired together and stopped in the right order.
#pragma once

#include <chrono>
#include <string>

#include "consumer_loop.h"
#include "dead_letter.h"
#include "kfn/host/function_host.h"
#include "kfn/host/manifest.h"
#include "kfn/host/metrics_registry.h"
#include "kfn/kafka/trigger.h"
#include "kfn/log.h"
#include "partition_metrics.h"
#include "record_handler.h"
#include "scheduler.h"
#include "worker_pool.h"

namespace kfn::kafka {

// Owned by one thread. `host`, `sink`, `registry` and `log` must outlive it, and the sink must have
// reported every write (DeadLetterProducer::close) before it is destroyed.
class FunctionConsumer {
 public:
  // Creates the consumer and subscribes; throws when it cannot.
  FunctionConsumer(kfn::host::FunctionManifest const& manifest, kfn::host::FunctionHost& host,
                   DeadLetterSink& sink, kfn::host::MetricsRegistry& registry, std::string const& brokers,
                   TriggerOptions const& options, kfn::Logger& log);
  ~FunctionConsumer();  // request_stop(now) and join()
  FunctionConsumer(FunctionConsumer const&) = delete;
  FunctionConsumer& operator=(FunctionConsumer const&) = delete;

  void start();
  void request_stop(std::chrono::steady_clock::time_point deadline);
  // The consumer has left its group and every worker has finished its last record.
  void join();

 private:
  FunctionMetrics metrics_;
  Scheduler scheduler_;
  RecordHandler handler_;
  WorkerPool workers_;
  ConsumerLoop consumer_;
  int const concurrency_;
};

}  // namespace kfn::kafka

// The trigger's series in the process MetricsRegistry, per function and per partition.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "kfn/host/metrics_registry.h"
#include "record.h"

namespace kfn::kafka {

// References into the registry (they live as long as it does). Updated lock-free from any thread.
struct PartitionMetrics {
  kfn::host::Counter& handled;               // records the function finished with
  kfn::host::Counter& skipped;               // of CloudEvent types the function does not handle
  kfn::host::Counter& failures;              // failed invocations (each attempt counts)
  kfn::host::Counter& retries;               // invocations scheduled again after a failure
  kfn::host::Counter& dead_letters;          // records written to the dead-letter topic
  kfn::host::Counter& dead_letter_failures;  // dead-letter writes that failed (and are retried)
  kfn::host::Counter& pauses;                // times fetching paused because too much was in flight
  kfn::host::Gauge& in_flight;               // received and not yet committable
  kfn::host::Gauge& lag;                     // high watermark - committable offset
};

// One function's series. Thread-safe; partition series are created once, on first assignment.
class FunctionMetrics {
 public:
  FunctionMetrics(kfn::host::MetricsRegistry& registry, std::string function);

  PartitionMetrics& partition(PartitionId const& id);

  kfn::host::Histogram& commit_latency;  // seconds from commit request to the broker's answer
  kfn::host::Counter& commit_failures;
  kfn::host::Gauge& assigned_partitions;

 private:
  kfn::host::MetricsRegistry& registry_;
  std::string function_;
  std::mutex mutex_;
  std::map<PartitionId, std::unique_ptr<PartitionMetrics>> partitions_;
};

}  // namespace kfn::kafka

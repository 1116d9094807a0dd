// Metric names and help texts of the Kafka trigger.
#include "partition_metrics.h"

namespace kfn::kafka {

FunctionMetrics::FunctionMetrics(kfn::host::MetricsRegistry& registry, std::string function)
    : commit_latency(registry.histogram("kfn_kafka_commit_latency_seconds",
                                        "Time from an offset commit request to the broker's answer",
                                        {{"function", function}})),
      commit_failures(registry.counter("kfn_kafka_commit_failures_total", "Offset commits that failed",
                                       {{"function", function}})),
      assigned_partitions(registry.gauge("kfn_kafka_assigned_partitions",
                                         "Partitions this process consumes for the function",
                                         {{"function", function}})),
      registry_(registry),
      function_(std::move(function)) {}

PartitionMetrics& FunctionMetrics::partition(PartitionId const& id) {
  std::lock_guard lock(mutex_);
  auto& slot = partitions_[id];
  if (slot) return *slot;
  kfn::host::Labels labels{
      {"function", function_}, {"topic", id.topic}, {"partition", std::to_string(id.partition)}};
  slot = std::unique_ptr<PartitionMetrics>(new PartitionMetrics{
      registry_.counter("kfn_kafka_records_handled_total", "Records the function handled", labels),
      registry_.counter("kfn_kafka_records_skipped_total",
                        "Records of CloudEvent types the function does not handle, passed over unrun",
                        labels),
      registry_.counter("kfn_kafka_record_failures_total", "Failed invocations, every attempt counted",
                        labels),
      registry_.counter("kfn_kafka_record_retries_total", "Invocations scheduled again after a failure",
                        labels),
      registry_.counter("kfn_kafka_dead_letters_total", "Records written to the dead-letter topic", labels),
      registry_.counter("kfn_kafka_dead_letter_write_failures_total", "Dead-letter writes that failed",
                        labels),
      registry_.counter("kfn_kafka_partition_pauses_total", "Times fetching paused at max in-flight", labels),
      registry_.gauge("kfn_kafka_in_flight_records", "Records received and not yet committable", labels),
      registry_.gauge("kfn_kafka_consumer_lag", "High watermark minus the committable offset", labels),
  });
  return *slot;
}

}  // namespace kfn::kafka

// The Kafka trigger: consumes the topics of every Kafka-triggered function of a FunctionHost (one
// consumer group each) and invokes the function once per record, as a CloudEvent, with per-key
// ordering, at-least-once commits, retries with backoff and a dead-letter topic.
//
//   kfn::kafka::Trigger trigger(host, metrics, "127.0.0.1:9092", log);
//   trigger.start();
//   ...
//   trigger.stop(std::chrono::seconds(10));  // drains in-flight records, commits, leaves the groups
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kfn/event.h"
#include "kfn/host/function_host.h"
#include "kfn/host/metrics_registry.h"
#include "kfn/log.h"

namespace kfn::kafka {

// Record headers in the order they were written; names may repeat.
using Headers = std::vector<std::pair<std::string, std::string>>;

// librdkafka's mock cluster answers a fetch that finds no record only after the consumer's whole
// fetch.wait.max.ms (a real broker answers as soon as a record arrives), so every consumer of the
// embedded cluster waits this long at most instead of librdkafka's 500 ms.
inline constexpr std::chrono::milliseconds kMockClusterFetchWait{5};

// How the trigger talks to the cluster; the defaults suit production.
struct TriggerOptions {
  std::chrono::milliseconds commit_interval{1'000};
  // How long a rebalance waits for in-flight records of revoked partitions before letting them go.
  std::chrono::milliseconds revoke_drain_timeout{10'000};
  // Extra librdkafka properties for every consumer (e.g. session.timeout.ms), applied last.
  std::map<std::string, std::string> consumer_properties;
  std::map<std::string, std::string> producer_properties;

  // KFN_KAFKA_CONSUMER_PROPERTIES / KFN_KAFKA_PRODUCER_PROPERTIES: "key=value,key=value".
  // `mock_cluster`: the brokers are librdkafka's mock cluster (the runner's embedded Kafka), which
  // answers a fetch that finds nothing only after the whole fetch.wait.max.ms; a short wait then
  // keeps publish -> handler latency in milliseconds. Throws std::invalid_argument for a malformed list.
  static TriggerOptions from_environment(bool mock_cluster = false);
};

// Consumes the topics of every Kafka-triggered function of a FunctionHost, one consumer group each.
// `host`, `metrics` and `log` must outlive the Trigger. start/stop/~Trigger are called from one owning
// thread; everything else runs on the Trigger's own threads.
class Trigger {
 public:
  Trigger(kfn::host::FunctionHost& host, kfn::host::MetricsRegistry& metrics, std::string brokers,
          std::shared_ptr<kfn::Logger> log, TriggerOptions options = TriggerOptions::from_environment());
  ~Trigger();  // stop()s with a 10 s grace if still running
  Trigger(Trigger const&) = delete;
  Trigger& operator=(Trigger const&) = delete;

  // Returns once every consumer is created and subscribed (partitions arrive asynchronously).
  // Throws std::runtime_error when a consumer cannot be created.
  void start();
  // Stops taking records, waits up to `grace` for in-flight ones, commits what is done and leaves the
  // groups cleanly. Records not finished by then are redelivered to whoever consumes next.
  void stop(std::chrono::milliseconds grace);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Record -> CloudEvent exactly as the function sees it. Kafka binary mode `ce_*` headers become the
// attributes, `content-type` the datacontenttype, other headers extensions (by lower-case name); a
// record that is no CloudEvent gets the attributes KafkaSource gives it (id "partition:P/offset:O",
// source "/kfn/kafka/<topic>", type "dev.knative.kafka.event", subject "partition:P#O").
kfn::CloudEvent to_cloud_event(std::string_view topic, std::int32_t partition, std::int64_t offset,
                               std::optional<std::string_view> key, std::string_view value,
                               Headers const& headers);

// Puts one CloudEvents attribute (by its name without any `ce_` prefix) where it belongs: a core
// attribute of `event`, or an extension.
void set_cloud_event_attribute(kfn::CloudEvent& event, std::string_view name, std::string const& value);

}  // namespace kfn::kafka

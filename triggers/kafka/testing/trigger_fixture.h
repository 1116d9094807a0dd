// The Kafka trigger under test, in this process: a mock cluster, real MariaDB and Redis
// (KFN_TEST_MYSQL_URL, KFN_TEST_REDIS_URL), a FunctionHost with the probe function consuming one
// topic, and helpers to publish CloudEvent records and read what the probe saw.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "kfn/host/function_host.h"
#include "kfn/host/metrics_registry.h"
#include "kfn/host/services.h"
#include "kfn/kafka/trigger.h"
#include "mock_cluster.h"
#include "probe_report.h"

namespace kfn::kafka::testing {

struct ProbeSetup {
  int brokers = 3;
  int partitions = 4;
  int concurrency = 32;
  int max_in_flight_per_partition = 1000;
  kfn::host::RetryPolicy retry;
  bool use_database = false;
  std::vector<std::string> event_types;  // the manifest's filter; empty: every type
};

inline constexpr char kTopic[] = "events";
inline constexpr char kFunction[] = "probe";
inline constexpr char kDeadLetterTopic[] = "probe.dlq";

class TriggerFixture {
 public:
  explicit TriggerFixture(ProbeSetup setup = {});
  ~TriggerFixture();
  TriggerFixture(TriggerFixture const&) = delete;
  TriggerFixture& operator=(TriggerFixture const&) = delete;

  // A new trigger for the probe on this cluster (not started), with test-friendly timeouts.
  std::unique_ptr<Trigger> make_trigger(kfn::host::MetricsRegistry& metrics);
  // The fixture's own trigger, on metrics().
  Trigger& trigger();

  // A CloudEvent record with ce_id event_id(key, seq) and value {"seq": seq, ...steering}.
  void publish(std::string const& key, std::int64_t seq, nlohmann::json steering = nlohmann::json::object(),
               Headers extra_headers = {});
  [[nodiscard]] std::string event_id(std::string const& key, std::int64_t seq) const;

  // A per-partition counter or gauge of the probe, summed over the topic's partitions.
  [[nodiscard]] double counter_total(std::string const& name);
  [[nodiscard]] double gauge_total(std::string const& name);
  // The probe's kfn_kafka_assigned_partitions in `registry`.
  [[nodiscard]] static double assigned_partitions(kfn::host::MetricsRegistry& registry);
  // Sum of the probe group's committed offsets over the topic's partitions.
  [[nodiscard]] std::int64_t committed_total() const;

  MockCluster cluster;
  ProbeSetup const setup;

  [[nodiscard]] TestProducer& producer() { return *producer_; }
  [[nodiscard]] ProbeReport& report() { return *report_; }
  [[nodiscard]] kfn::host::MetricsRegistry& metrics() { return metrics_; }
  [[nodiscard]] kfn::host::SchemaDatabase& database();

 private:
  std::string prefix_;
  std::string schema_;
  std::shared_ptr<kfn::Logger> log_;
  std::unique_ptr<kfn::host::Services> services_;
  kfn::host::MetricsRegistry metrics_;
  std::unique_ptr<kfn::host::FunctionHost> host_;
  std::unique_ptr<TestProducer> producer_;
  std::unique_ptr<ProbeReport> report_;
  std::unique_ptr<Trigger> trigger_;
};

}  // namespace kfn::kafka::testing

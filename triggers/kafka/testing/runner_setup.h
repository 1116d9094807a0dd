// For tests that run the real `kfn run` binary against a mock cluster in the test process: the probe's
// manifests directory, the runner options to reach that cluster, and readers for what it reported.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "kfn/host/services.h"
#include "mock_cluster.h"
#include "probe_report.h"
#include "runner_process.h"

namespace kfn::kafka::testing {

// A temporary manifests dir (app.yaml, topics.yaml, functions/probe.yaml) for the probe with
// PROBE_DB=1, plus direct access to the Redis and MySQL it reports into. Removed on destruction.
class RunnerSetup {
 public:
  RunnerSetup(MockCluster& cluster, int partitions, int concurrency);
  ~RunnerSetup();
  RunnerSetup(RunnerSetup const&) = delete;
  RunnerSetup& operator=(RunnerSetup const&) = delete;

  // Every runner started with these shares the consumer group and the schema.
  [[nodiscard]] kfn::test::RunnerOptions runner_options() const;
  [[nodiscard]] ProbeReport& report() { return *report_; }
  [[nodiscard]] kfn::host::SchemaDatabase& database();
  // The runner's kfn_kafka_assigned_partitions for the probe, from its /metrics.
  static double assigned_partitions(kfn::test::RunnerProcess const& runner);

 private:
  MockCluster& cluster_;
  std::filesystem::path dir_;
  std::string prefix_;
  std::string schema_prefix_;
  std::shared_ptr<kfn::Logger> log_;
  std::unique_ptr<kfn::host::Services> services_;
  std::unique_ptr<ProbeReport> report_;
};

}  // namespace kfn::kafka::testing

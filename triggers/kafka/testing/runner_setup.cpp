// Writing the probe's manifests and reading the runner's metrics.
#include "runner_setup.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include "kfn/host/process_log.h"

namespace kfn::kafka::testing {
namespace {

std::string required_env(char const* name) {
  char const* value = std::getenv(name);
  if (value == nullptr || *value == '\0')
    throw std::runtime_error(std::string(name) + " is not set: run 'bash dev.sh test'");
  return value;
}

void write_file(std::filesystem::path const& path, std::string const& text) {
  std::ofstream out(path);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

RunnerSetup::RunnerSetup(MockCluster& cluster, int partitions, int concurrency) : cluster_(cluster) {
  std::random_device random;
  auto suffix = std::to_string(getpid()) + "_" + std::to_string(random() % 100000);
  prefix_ = "kafka_runner_test:" + suffix;
  schema_prefix_ = "kr" + suffix + "_";
  dir_ = std::filesystem::temp_directory_path() / ("kfn-kafka-manifests-" + suffix);
  std::filesystem::create_directories(dir_ / "functions");
  write_file(dir_ / "app.yaml",
             "service_name: kafka-probe\ncontexts:\n  probe:\n    schema: probe\n    migrations: " +
                 std::string(KFN_KAFKA_TESTDATA_MIGRATIONS) + "\n");
  write_file(dir_ / "topics.yaml",
             "topics:\n  - name: events\n    partitions: " + std::to_string(partitions) + "\n");
  write_file(dir_ / "functions" / "probe.yaml",
             "name: probe\nlibrary: kafka_probe\ncontext: probe\ntrigger:\n  kafka:\n    topics: [events]\n"
             "    concurrency: " +
                 std::to_string(concurrency) +
                 "\n"
                 "    retry: {attempts: 100, initial_backoff: 50ms, max_backoff: 2s}\n"
                 "env:\n  PROBE_PREFIX: \"" +
                 prefix_ + "\"\n  PROBE_DB: \"1\"\n");
  cluster_.create_topic("events", partitions);
  cluster_.create_topic("probe.dlq", 1);
  log_ = kfn::host::make_process_logger(kfn::LogLevel::kWarn);
  kfn::host::ServiceConfig config;
  config.mysql_url = required_env("KFN_TEST_MYSQL_URL");
  config.redis_url = required_env("KFN_TEST_REDIS_URL");
  services_ = kfn::host::Services::create(config, *log_);
  report_ = std::make_unique<ProbeReport>(services_->redis(), prefix_);
}

RunnerSetup::~RunnerSetup() {
  try {
    report_->clear();
    database().execute("DROP DATABASE IF EXISTS `" + schema_prefix_ + "probe`", {});
  } catch (std::exception const&) {  // cleaning up is best effort
  }
  services_->shutdown(std::chrono::seconds(2));
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

kfn::test::RunnerOptions RunnerSetup::runner_options() const {
  kfn::test::RunnerOptions options;
  options.manifests_dir = dir_.string();
  options.library_dir = KFN_KAFKA_TESTDATA_DIR;
  options.schema_prefix = schema_prefix_;
  options.env = {{"KAFKA_BROKERS", cluster_.bootstrap()},
                 // A killed member is noticed in seconds, not the production 45 s.
                 {"KFN_KAFKA_CONSUMER_PROPERTIES",
                  "session.timeout.ms=6000,heartbeat.interval.ms=500,fetch.wait.max.ms=10"}};
  return options;
}

kfn::host::SchemaDatabase& RunnerSetup::database() { return services_->database(schema_prefix_ + "probe"); }

double RunnerSetup::assigned_partitions(kfn::test::RunnerProcess const& runner) {
  auto response = runner.client()->request("GET", "/metrics");
  std::istringstream lines(response.body);
  std::string const series = "kfn_kafka_assigned_partitions{function=\"probe\"} ";
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(series, 0) == 0) return std::stod(line.substr(series.size()));
  }
  return 0;
}

}  // namespace kfn::kafka::testing

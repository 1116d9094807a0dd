// Building the probe's catalogue, services and host for one test.
#include "trigger_fixture.h"

#include <unistd.h>

#include <cstdlib>
#include <random>
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

std::string unique_suffix() {
  static std::atomic<int> counter{0};
  std::random_device random;
  return std::to_string(getpid()) + "_" + std::to_string(++counter) + "_" + std::to_string(random() % 100000);
}

kfn::host::Catalogue probe_catalogue(ProbeSetup const& setup, std::string const& schema,
                                     std::string const& prefix) {
  kfn::host::Catalogue catalogue;
  catalogue.contexts.push_back({"probe", schema, KFN_KAFKA_TESTDATA_MIGRATIONS});
  catalogue.topics.push_back({kTopic, setup.partitions, 1, std::nullopt, "test key"});
  kfn::host::FunctionManifest manifest;
  manifest.name = kFunction;
  manifest.library = "kafka_probe";
  manifest.context = setup.use_database ? "probe" : "";
  manifest.env = {{"PROBE_PREFIX", prefix}, {"PROBE_DB", setup.use_database ? "1" : "0"}};
  manifest.file = "probe.yaml";
  kfn::host::KafkaTrigger trigger;
  trigger.topics = {kTopic};
  trigger.concurrency = setup.concurrency;
  trigger.retry = setup.retry;
  trigger.dead_letter_topic = kDeadLetterTopic;
  trigger.max_in_flight_per_partition = setup.max_in_flight_per_partition;
  trigger.event_types = setup.event_types;
  manifest.kafka = trigger;
  catalogue.functions.push_back(manifest);
  return catalogue;
}

}  // namespace

TriggerFixture::TriggerFixture(ProbeSetup probe_setup) : cluster(probe_setup.brokers), setup(probe_setup) {
  auto suffix = unique_suffix();
  prefix_ = "kafka_test:" + suffix;
  schema_ = "kt" + suffix + "_probe";
  log_ = kfn::host::make_process_logger(std::getenv("KFN_TEST_VERBOSE") ? kfn::LogLevel::kDebug
                                                                        : kfn::LogLevel::kWarn);
  cluster.create_topic(kTopic, setup.partitions);
  cluster.create_topic(kDeadLetterTopic, 1);
  kfn::host::ServiceConfig config;
  config.mysql_url = setup.use_database ? required_env("KFN_TEST_MYSQL_URL") : "";
  config.redis_url = required_env("KFN_TEST_REDIS_URL");
  config.kafka_brokers = cluster.bootstrap();
  services_ = kfn::host::Services::create(config, *log_);
  if (setup.use_database) services_->migrate(schema_, KFN_KAFKA_TESTDATA_MIGRATIONS);
  kfn::host::JwtSettings jwt{"kafka-trigger-test-secret-0123456789abcdef", "kfn", "kfn", {}, {}};
  host_ = std::make_unique<kfn::host::FunctionHost>(probe_catalogue(setup, schema_, prefix_),
                                                    KFN_KAFKA_TESTDATA_DIR, *services_, metrics_, log_, jwt);
  producer_ = std::make_unique<TestProducer>(cluster.bootstrap());
  report_ = std::make_unique<ProbeReport>(services_->redis(), prefix_);
}

TriggerFixture::~TriggerFixture() {
  if (trigger_) trigger_->stop(std::chrono::seconds(5));
  trigger_.reset();
  try {
    report_->clear();
    if (setup.use_database)
      services_->database(schema_).execute("DROP DATABASE IF EXISTS `" + schema_ + "`", {});
  } catch (std::exception const&) {  // cleaning up is best effort
  }
  producer_.reset();
  host_.reset();
  services_->shutdown(std::chrono::seconds(2));
}

std::unique_ptr<Trigger> TriggerFixture::make_trigger(kfn::host::MetricsRegistry& metrics) {
  TriggerOptions options;
  options.commit_interval = std::chrono::milliseconds(200);
  // A member that vanishes is noticed in seconds, not the production 45 s.
  options.consumer_properties = {{"session.timeout.ms", "6000"},
                                 {"heartbeat.interval.ms", "500"},
                                 {"fetch.wait.max.ms", "10"},
                                 {"log_level", "3"}};
  options.producer_properties = {{"log_level", "3"}};
  if (char const* debug = std::getenv("KFN_TEST_KAFKA_DEBUG")) {
    options.consumer_properties["debug"] = debug;
    options.consumer_properties["log_level"] = "7";
  }
  return std::make_unique<Trigger>(*host_, metrics, cluster.bootstrap(), log_, options);
}

Trigger& TriggerFixture::trigger() {
  if (!trigger_) trigger_ = make_trigger(metrics_);
  return *trigger_;
}

std::string TriggerFixture::event_id(std::string const& key, std::int64_t seq) const {
  return prefix_ + "-" + key + "-" + std::to_string(seq);
}

void TriggerFixture::publish(std::string const& key, std::int64_t seq, nlohmann::json steering,
                             Headers extra_headers) {
  steering["seq"] = seq;
  Headers headers{
      {"ce_specversion", "1.0"}, {"ce_id", event_id(key, seq)}, {"ce_source", "/kfn/kafka-test"},
      {"ce_type", "ProbeEvent"}, {"ce_subject", key},           {"content-type", "application/json"}};
  headers.insert(headers.end(), extra_headers.begin(), extra_headers.end());
  producer_->send(kTopic, key, steering.dump(), headers);
}

double TriggerFixture::counter_total(std::string const& name) {
  double total = 0;
  for (int p = 0; p < setup.partitions; ++p) {
    total +=
        metrics_
            .counter(name, "", {{"function", kFunction}, {"topic", kTopic}, {"partition", std::to_string(p)}})
            .value();
  }
  return total;
}

double TriggerFixture::gauge_total(std::string const& name) {
  double total = 0;
  for (int p = 0; p < setup.partitions; ++p) {
    total +=
        metrics_
            .gauge(name, "", {{"function", kFunction}, {"topic", kTopic}, {"partition", std::to_string(p)}})
            .value();
  }
  return total;
}

double TriggerFixture::assigned_partitions(kfn::host::MetricsRegistry& registry) {
  return registry.gauge("kfn_kafka_assigned_partitions", "", {{"function", kFunction}}).value();
}

std::int64_t TriggerFixture::committed_total() const {
  std::int64_t total = 0;
  for (auto offset : committed_offsets(cluster.bootstrap(), kFunction, kTopic, setup.partitions)) {
    if (offset > 0) total += offset;
  }
  return total;
}

kfn::host::SchemaDatabase& TriggerFixture::database() { return services_->database(schema_); }

}  // namespace kfn::kafka::testing

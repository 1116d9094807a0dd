// Kafka trigger benchmark: a no-op Kafka-triggered function (the whole trigger: consumer, per-key
// scheduler, workers, FunctionHost, offset tracking) against a raw librdkafka consumer loop on the same
// topic of the same mock cluster, side by side; then publish -> handler latency at a steady rate.
// Run it through tests/bench/kafka_trigger_bench.sh; results go to docs/benchmarks.md.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "client_config.h"
#include "kfn/host/function_host.h"
#include "kfn/host/process_log.h"
#include "kfn/host/services.h"
#include "kfn/kafka/trigger.h"
#include "mock_cluster.h"
#include "process_cpu.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;
namespace kafka = kfn::kafka;
namespace host = kfn::host;
using kfn::bench::cpu_by_thread;
using kfn::bench::process_cpu_seconds;
using kfn::bench::thread_cpu;
using kfn::bench::ThreadCpu;

// Both sides fetch with the wait the runner gives every consumer of the embedded mock cluster.
std::string const kFetchWaitMaxMs = std::to_string(kafka::kMockClusterFetchWait.count());

struct Options {
  int records = 150'000;
  int partitions = 16;  // the mock cluster keeps at most 5 MB per partition
  int keys = 1'000;
  int rounds = 3;
  int latency_rate = 2'000;  // records per second
  int latency_seconds = 5;
  int concurrency = 16;       // the manifest default
  int max_in_flight = 1'000;  // per partition, the manifest default
  bool raw = true;            // --no-raw: only the trigger (for profiling it)
  // --consume-only: the function handles no type the records have, so the trigger only consumes,
  // copies and commits them (its poll path alone, without scheduling or invoking).
  bool consume_only = false;
};

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (flag == "--no-raw") {
      options.raw = false;
      continue;
    }
    if (flag == "--consume-only") {
      options.consume_only = true;
      continue;
    }
    int value = i + 1 < argc ? std::atoi(argv[++i]) : 0;
    if (flag == "--records")
      options.records = value;
    else if (flag == "--rounds")
      options.rounds = value;
    else if (flag == "--rate")
      options.latency_rate = value;
    else if (flag == "--seconds")
      options.latency_seconds = value;
    else if (flag == "--partitions")
      options.partitions = value;
    else if (flag == "--concurrency")
      options.concurrency = value;
    else if (flag == "--max-in-flight")
      options.max_in_flight = value;
  }
  return options;
}

// Records per second, and CPU microseconds per record, of one run.
struct Rate {
  double per_second = 0;
  double cpu_us_per_record = 0;
};

double seconds_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

// The mock cluster drops the oldest records of a partition past 5 MB: the runs would never finish.
void check_nothing_pruned(kafka::testing::MockCluster& cluster, std::string const& topic, int partitions) {
  kafka::ClientHandle client(
      rd_kafka_new(RD_KAFKA_PRODUCER,
                   kafka::make_conf({{"bootstrap.servers", cluster.bootstrap()}}).release(), nullptr, 0));
  for (int p = 0; p < partitions; ++p) {
    std::int64_t low = 0;
    std::int64_t high = 0;
    rd_kafka_query_watermark_offsets(client.get(), topic.c_str(), p, &low, &high, 10'000);
    if (low > 0) {
      std::fprintf(stderr, "the mock cluster pruned %s[%d]: use fewer --records or more --partitions\n",
                   topic.c_str(), p);
      std::exit(2);
    }
  }
}

// Records shaped like the chat's events: CloudEvent headers and a ~120-byte JSON value.
void fill_topic(kafka::testing::MockCluster& cluster, std::string const& topic, Options const& options) {
  cluster.create_topic(topic, options.partitions);
  kafka::testing::TestProducer producer(cluster.bootstrap());
  for (int i = 0; i < options.records; ++i) {
    auto key = "room-" + std::to_string(i % options.keys);
    auto value = R"({"event_type":"MessageSent","room_id":")" + key + R"(","seq":)" + std::to_string(i) +
                 R"(,"content":"hello there, how are you doing today?"})";
    producer.send(topic, key, value,
                  {{"ce_specversion", "1.0"},
                   {"ce_id", "e-" + std::to_string(i)},
                   {"ce_source", "/kfn/bench"},
                   {"ce_type", "MessageSent"},
                   {"ce_subject", key},
                   {"content-type", "application/json"}});
  }
  producer.flush();
  check_nothing_pruned(cluster, topic, options.partitions);
}

// The baseline: poll, read each record (key, value, headers), store its offset.
Rate raw_consumer_rate(std::string const& bootstrap, std::string const& topic, int records) {
  // What a careful user writes: librdkafka's defaults, offsets stored only once a record is handled.
  kafka::Properties properties{{"bootstrap.servers", bootstrap},       {"group.id", "raw-" + topic},
                               {"auto.offset.reset", "earliest"},      {"enable.auto.offset.store", "false"},
                               {"fetch.wait.max.ms", kFetchWaitMaxMs}, {"log_level", "3"}};
  auto conf = kafka::make_conf(properties);
  char error[512];
  kafka::ClientHandle consumer(rd_kafka_new(RD_KAFKA_CONSUMER, conf.release(), error, sizeof error));
  rd_kafka_poll_set_consumer(consumer.get());
  kafka::PartitionListHandle topics(rd_kafka_topic_partition_list_new(1));
  rd_kafka_topic_partition_list_add(topics.get(), topic.c_str(), RD_KAFKA_PARTITION_UA);
  rd_kafka_subscribe(consumer.get(), topics.get());
  int seen = 0;
  std::size_t bytes = 0;
  Clock::time_point first{};
  double cpu_at_first = 0;
  std::map<int, ThreadCpu> threads_at_first;
  while (seen < records) {
    kafka::MessageHandle message(rd_kafka_consumer_poll(consumer.get(), 100));
    if (!message || message->err) continue;
    if (seen++ == 0) {
      first = Clock::now();
      cpu_at_first = process_cpu_seconds();
      threads_at_first = thread_cpu();
    }
    rd_kafka_headers_t* headers = nullptr;
    if (rd_kafka_message_headers(message.get(), &headers) == RD_KAFKA_RESP_ERR_NO_ERROR)
      bytes += rd_kafka_header_cnt(headers);
    bytes += message->len + message->key_len;
    rd_kafka_offset_store(message->rkt, message->partition, message->offset);  // auto-committed
  }
  auto const last = Clock::now();
  double const cpu = process_cpu_seconds() - cpu_at_first;
  auto const by_thread = cpu_by_thread(threads_at_first, thread_cpu(), records - 1);
  rd_kafka_consumer_close(consumer.get());
  std::fprintf(stderr, "  raw loop read %zu bytes; cpu-us/record by thread: %s\n", bytes, by_thread.c_str());
  return {(records - 1) / seconds_between(first, last), cpu * 1e6 / (records - 1)};
}

host::Catalogue catalogue_for(std::string const& library, std::string const& topic, Options const& options,
                              std::map<std::string, std::string> env) {
  int const partitions = options.partitions;
  host::Catalogue catalogue;
  catalogue.topics.push_back({topic, partitions, 1, std::nullopt, "room_id"});
  host::FunctionManifest manifest;
  manifest.name = "bench-" + library;
  manifest.library = library;
  manifest.env = std::move(env);
  manifest.file = manifest.name + ".yaml";
  host::KafkaTrigger trigger;
  trigger.topics = {topic};
  trigger.group = manifest.name + "-" + topic;
  trigger.concurrency = options.concurrency;
  trigger.max_in_flight_per_partition = options.max_in_flight;
  if (options.consume_only) trigger.event_types = {"kfn.bench.unhandled"};
  manifest.kafka = trigger;
  catalogue.functions.push_back(manifest);
  return catalogue;
}

// The process the trigger runs in: services (nothing connected until used), metrics, the host.
struct TriggerProcess {
  std::shared_ptr<kfn::Logger> log = host::make_process_logger(kfn::LogLevel::kWarn);
  std::unique_ptr<host::Services> services;
  host::MetricsRegistry metrics;
  std::unique_ptr<host::FunctionHost> function_host;
  std::string function;
  std::string topic;
  int partitions;
  std::vector<host::Counter const*> done_counters;

  TriggerProcess(host::Catalogue catalogue, std::string const& bootstrap)
      : function(catalogue.functions[0].name),
        topic(catalogue.topics[0].name),
        partitions(catalogue.topics[0].partitions) {
    host::ServiceConfig config;
    char const* redis = std::getenv("KFN_TEST_REDIS_URL");
    config.redis_url = redis ? redis : "redis://127.0.0.1:6379";
    config.kafka_brokers = bootstrap;
    services = host::Services::create(config, *log);
    host::JwtSettings jwt{"kafka-trigger-bench-secret-0123456789abcdef", "kfn", "kfn", {}, {}};
    function_host = std::make_unique<host::FunctionHost>(std::move(catalogue), KFN_KAFKA_TESTDATA_DIR,
                                                         *services, metrics, log, jwt);
  }
  ~TriggerProcess() {
    function_host.reset();
    services->shutdown(1s);
  }
  std::unique_ptr<kafka::Trigger> trigger(std::string const& bootstrap) {
    kafka::TriggerOptions options;
    options.consumer_properties = {{"log_level", "3"}, {"fetch.wait.max.ms", kFetchWaitMaxMs}};
    return std::make_unique<kafka::Trigger>(*function_host, metrics, bootstrap, log, options);
  }
  // Records done: handled, or passed over unrun (--consume-only). The bench's thread reads these
  // every millisecond: the series are looked up once, so reading them costs the trigger no CPU.
  double handled() {
    if (done_counters.empty()) {
      for (int p = 0; p < partitions; ++p) {
        for (auto const* name : {"kfn_kafka_records_handled_total", "kfn_kafka_records_skipped_total"}) {
          done_counters.push_back(&metrics.counter(
              name, "", {{"function", function}, {"topic", topic}, {"partition", std::to_string(p)}}));
        }
      }
    }
    double total = 0;
    for (auto const* counter : done_counters) total += counter->value();
    return total;
  }
  double pauses() {
    double total = 0;
    for (int p = 0; p < partitions; ++p) {
      total += metrics
                   .counter("kfn_kafka_partition_pauses_total", "",
                            {{"function", function}, {"topic", topic}, {"partition", std::to_string(p)}})
                   .value();
    }
    return total;
  }
  double assigned() {
    return metrics.gauge("kfn_kafka_assigned_partitions", "", {{"function", function}}).value();
  }
};

void wait_for(auto done) {
  while (!done()) std::this_thread::sleep_for(1ms);
}

Rate trigger_rate(std::string const& bootstrap, std::string const& topic, Options const& options) {
  TriggerProcess process(catalogue_for("kafka_noop", topic, options, {}), bootstrap);
  auto trigger = process.trigger(bootstrap);
  trigger->start();
  wait_for([&] { return process.handled() > 0; });
  auto const first = Clock::now();
  double const cpu_at_first = process_cpu_seconds();
  auto const threads_at_first = thread_cpu();
  double const at_first = process.handled();
  wait_for([&] { return process.handled() >= options.records; });
  auto const last = Clock::now();
  double const cpu = process_cpu_seconds() - cpu_at_first;
  double const counted = options.records - at_first;
  auto const by_thread = cpu_by_thread(threads_at_first, thread_cpu(), counted);
  trigger->stop(10s);
  std::fprintf(stderr, "  trigger paused partitions %.0f times; cpu-us/record by thread: %s\n",
               process.pauses(), by_thread.c_str());
  return {counted / seconds_between(first, last), cpu * 1e6 / counted};
}

struct Latency {
  double p50_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
  std::size_t samples = 0;
};

Latency percentiles(std::vector<double> micros) {
  Latency result;
  result.samples = micros.size();
  if (micros.empty()) return result;
  std::sort(micros.begin(), micros.end());
  auto at = [&](double q) {
    return micros[static_cast<std::size_t>(q * static_cast<double>(micros.size() - 1))] / 1000;
  };
  result.p50_ms = at(0.50);
  result.p99_ms = at(0.99);
  result.max_ms = micros.back() / 1000;
  return result;
}

// Publishes `rate` records a second for `seconds`; each value is its publish time, which the latency
// function turns into (handler start - publish) in microseconds.
Latency trigger_latency(kafka::testing::MockCluster& cluster, Options const& options) {
  auto const file =
      std::filesystem::temp_directory_path() / ("kfn-kafka-latency-" + std::to_string(getpid()));
  cluster.create_topic("latency", options.partitions);
  std::vector<double> micros;
  {
    TriggerProcess process(
        catalogue_for("kafka_latency", "latency", options, {{"LATENCY_FILE", file.string()}}),
        cluster.bootstrap());
    auto trigger = process.trigger(cluster.bootstrap());
    trigger->start();
    wait_for([&] { return process.assigned() == options.partitions; });
    kafka::testing::TestProducer producer(cluster.bootstrap());
    // One unmeasured record per partition first: every fetcher is running before the clock starts.
    for (int p = 0; p < options.partitions; ++p) producer.send("latency", "warm-up", "warm-up", {}, p);
    producer.flush();
    wait_for([&] { return process.handled() >= options.partitions; });
    int const total = options.latency_rate * options.latency_seconds + options.partitions;
    auto const start = Clock::now();
    for (int i = 0; i < total - options.partitions; ++i) {
      std::this_thread::sleep_until(start +
                                    std::chrono::microseconds(1'000'000LL * i / options.latency_rate));
      auto now = std::chrono::system_clock::now().time_since_epoch();
      producer.send("latency", "room-" + std::to_string(i % options.keys),
                    std::to_string(std::chrono::duration_cast<std::chrono::nanoseconds>(now).count()));
    }
    producer.flush();
    wait_for([&] { return process.handled() >= total; });
    trigger->stop(10s);
  }
  std::ifstream in(file);
  for (double value; in >> value;) micros.push_back(value);
  std::filesystem::remove(file);
  return percentiles(std::move(micros));
}

}  // namespace

int main(int argc, char** argv) {
  auto const options = parse_options(argc, argv);
  kafka::testing::MockCluster cluster(1);
  std::printf("Kafka trigger benchmark: %d records, %d partitions, %d keys, mock cluster (1 broker)\n",
              options.records, options.partitions, options.keys);
  std::vector<double> ratios;
  for (int round = 1; round <= options.rounds; ++round) {
    auto topic = "bench-" + std::to_string(round);
    fill_topic(cluster, topic, options);
    auto raw = options.raw ? raw_consumer_rate(cluster.bootstrap(), topic, options.records) : Rate{1, 0};
    auto kfn_rate = trigger_rate(cluster.bootstrap(), topic, options);
    ratios.push_back(kfn_rate.per_second / raw.per_second);
    std::printf(
        "round %d: raw librdkafka loop %9.0f records/s (%.2f cpu-us/record) | kfn no-op function %9.0f "
        "records/s (%.2f cpu-us/record) | ratio %.2f\n",
        round, raw.per_second, raw.cpu_us_per_record, kfn_rate.per_second, kfn_rate.cpu_us_per_record,
        ratios.back());
    std::fflush(stdout);
  }
  std::sort(ratios.begin(), ratios.end());
  std::printf("median ratio (kfn / raw): %.2f (target >= 0.80)%s\n", ratios[ratios.size() / 2],
              options.consume_only ? ", consuming only: the function ran for none" : "");
  if (options.consume_only) return 0;
  auto latency = trigger_latency(cluster, options);
  std::printf(
      "publish -> handler latency at %d records/s for %d s: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%zu "
      "samples)\n",
      options.latency_rate, options.latency_seconds, latency.p50_ms, latency.p99_ms, latency.max_ms,
      latency.samples);
  return 0;
}

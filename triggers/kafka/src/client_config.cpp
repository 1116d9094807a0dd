// Consumer and producer settings, and TriggerOptions from the environment.
#include "client_config.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>

namespace kfn::kafka {
namespace {

void apply(Properties& properties, Properties const& overrides) {
  for (auto const& [key, value] : overrides) properties[key] = value;
}

std::string trim(std::string_view text) {
  auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  auto last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

Properties environment_list(char const* name) {
  char const* value = std::getenv(name);
  try {
    return value ? parse_property_list(value) : Properties{};
  } catch (std::invalid_argument const& e) {
    throw std::invalid_argument(std::string(name) + ": " + e.what());
  }
}

}  // namespace

Properties consumer_properties(std::string const& brokers, std::string const& function,
                               kfn::host::KafkaTrigger const& trigger, TriggerOptions const& options) {
  Properties properties{
      {"bootstrap.servers", brokers},
      {"group.id", trigger.group.empty() ? function : trigger.group},
      {"client.id", "kfn-" + function},
      {"partition.assignment.strategy", "cooperative-sticky"},
      {"auto.offset.reset", trigger.initial_offset == "latest" ? "latest" : "earliest"},
      {"enable.auto.offset.store", "false"},
      {"enable.auto.commit", "false"},
      {"enable.partition.eof", "false"},
      // librdkafka 2.0.2 stops fetching for up to a second once its prefetch queue reaches these limits,
      // so the poll thread drains it into the scheduler at once (where paused partitions bound memory)
      // and the limits sit well above what a fetch round adds (1 MiB per partition).
      {"queued.max.messages.kbytes", "65536"},
      {"queued.min.messages", "200000"},
      // Each statistics report says whether the group is steady, and only then is a commit sent.
      {"statistics.interval.ms",
       std::to_string(std::max<std::int64_t>(options.commit_interval.count(), 100))},
  };
  apply(properties, options.consumer_properties);
  return properties;
}

Properties producer_properties(std::string const& brokers, TriggerOptions const& options) {
  Properties properties{
      {"bootstrap.servers", brokers},
      {"client.id", "kfn-dead-letters"},
      {"enable.idempotence", "true"},
      {"acks", "all"},
      {"linger.ms", "5"},
      // A write that cannot be delivered by then is reported, and the trigger writes it again.
      {"message.timeout.ms", "30000"},
  };
  apply(properties, options.producer_properties);
  return properties;
}

ConfHandle make_conf(Properties const& properties) {
  ConfHandle conf(rd_kafka_conf_new());
  char error[512];
  for (auto const& [key, value] : properties) {
    if (rd_kafka_conf_set(conf.get(), key.c_str(), value.c_str(), error, sizeof error) != RD_KAFKA_CONF_OK) {
      throw std::invalid_argument("librdkafka property " + key + ": " + error);
    }
  }
  return conf;
}

Properties parse_property_list(std::string_view text) {
  Properties properties;
  while (!text.empty()) {
    auto comma = text.find(',');
    auto entry = trim(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    if (entry.empty()) continue;
    auto equals = entry.find('=');
    if (equals == std::string::npos || equals == 0) {
      throw std::invalid_argument("expected key=value, got '" + entry + "'");
    }
    properties[trim(std::string_view(entry).substr(0, equals))] =
        trim(std::string_view(entry).substr(equals + 1));
  }
  return properties;
}

void forward_client_log(kfn::Logger& log, int level, char const* facility, char const* message) {
  auto severity = level <= 3   ? kfn::LogLevel::kError
                  : level == 4 ? kfn::LogLevel::kWarn
                  : level <= 6 ? kfn::LogLevel::kInfo
                               : kfn::LogLevel::kDebug;
  log.log(severity, "librdkafka", {{"facility", facility}, {"detail", message}});
}

TriggerOptions TriggerOptions::from_environment(bool mock_cluster) {
  TriggerOptions options;
  if (mock_cluster)
    options.consumer_properties.emplace("fetch.wait.max.ms", std::to_string(kMockClusterFetchWait.count()));
  for (auto& [key, value] : environment_list("KFN_KAFKA_CONSUMER_PROPERTIES"))
    options.consumer_properties[key] = value;
  options.producer_properties = environment_list("KFN_KAFKA_PRODUCER_PROPERTIES");
  return options;
}

}  // namespace kfn::kafka

// Resolving and starting the runner's dependencies.
#include "backing_services.h"

#include <cstdlib>
#include <iostream>
#include <set>

namespace kfn::runner {
namespace {

std::string env_or_empty(char const* name) {
  char const* value = std::getenv(name);
  return value ? value : "";
}

// Every catalogue topic, plus the dead-letter topic of each Kafka-triggered function.
void create_topics(kfn::host::MockKafka& kafka, kfn::host::Catalogue const& catalogue) {
  std::set<std::string> created;
  for (auto const& topic : catalogue.topics) {
    kafka.create_topic(topic.name, topic.partitions);
    created.insert(topic.name);
  }
  for (auto const& fn : catalogue.functions) {
    if (!fn.kafka || fn.kafka->dead_letter_topic.empty() || created.contains(fn.kafka->dead_letter_topic)) {
      continue;
    }
    int partitions = 1;
    for (auto const& source : fn.kafka->topics) {
      if (auto const* spec = catalogue.topic(source)) partitions = std::max(partitions, spec->partitions);
    }
    kafka.create_topic(fn.kafka->dead_letter_topic, partitions);
    created.insert(fn.kafka->dead_letter_topic);
  }
}

}  // namespace

BackingServices bring_up_backing_services(kfn::host::Catalogue const& catalogue,
                                          std::filesystem::path const& state_dir, bool need_database) {
  BackingServices backing;
  std::filesystem::create_directories(state_dir);

  backing.kafka_brokers = env_or_empty("KAFKA_BROKERS");
  if (backing.kafka_brokers.empty()) {
    backing.kafka = std::make_unique<kfn::host::MockKafka>();
    create_topics(*backing.kafka, catalogue);
    backing.kafka_brokers = backing.kafka->bootstrap();
    backing.kafka_embedded = true;
  }

  backing.mysql_url = env_or_empty("MYSQL_URL");
  if (backing.mysql_url.empty() && need_database) {
    backing.mariadb = start_mariadb(state_dir);
    backing.mysql_url = backing.mariadb.url;
  }

  backing.redis_url = env_or_empty("REDIS_URL");
  if (backing.redis_url.empty()) {
    backing.redis = start_redis(state_dir);
    backing.redis_url = backing.redis.url;
  }
  return backing;
}

std::string redact_url(std::string const& url) {
  auto scheme = url.find("://");
  auto at = url.rfind('@');
  if (scheme == std::string::npos || at == std::string::npos || at < scheme) return url;
  auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

}  // namespace kfn::runner

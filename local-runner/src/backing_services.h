// Where the runner's Kafka, MySQL and Redis come from: the environment (KAFKA_BROKERS, MYSQL_URL,
// REDIS_URL) when set, else an embedded mock Kafka cluster and local servers under the state dir.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "dev_services.h"
#include "kfn/host/manifest.h"
#include "kfn/host/mock_kafka.h"

namespace kfn::runner {

// Owns whatever it started; destroying it stops them (servers after Kafka, in reverse order).
struct BackingServices {
  std::string kafka_brokers;
  std::string mysql_url;
  std::string redis_url;
  bool kafka_embedded = false;

  DevServer mariadb;  // process set only when started here
  DevServer redis;
  std::unique_ptr<kfn::host::MockKafka> kafka;
};

// Throws std::runtime_error with a message a person can act on.
BackingServices bring_up_backing_services(kfn::host::Catalogue const& catalogue,
                                          std::filesystem::path const& state_dir, bool need_database);

// The URL with any password replaced by "***", for logs.
std::string redact_url(std::string const& url);

}  // namespace kfn::runner

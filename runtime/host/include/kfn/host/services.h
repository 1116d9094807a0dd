// The process-wide connections every loaded function shares: MySQL pools (one per schema), Redis,
// the idempotent Kafka producer and the outbox relay. Hosts (the local runner, the Knative server)
// create one Services and hand per-function views of it to invocations.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kfn/db.h"
#include "kfn/event.h"
#include "kfn/log.h"
#include "kfn/redis.h"

namespace kfn::host {

struct ServiceConfig {
  std::string mysql_url;      // mysql://user[:password]@host[:port][/]; empty: no database
  std::string redis_url;      // redis://host:port
  std::string kafka_brokers;  // bootstrap servers
  // librdkafka properties for the event producer, applied over its defaults (KFN_KAFKA_PRODUCER_PROPERTIES).
  std::vector<std::pair<std::string, std::string>> kafka_producer_properties;
  std::size_t mysql_pool_size = 32;  // per schema
  std::size_t redis_pool_size = 16;
  std::chrono::milliseconds outbox_sweep_interval{2'000};
  std::chrono::milliseconds outbox_sweep_age{5'000};  // rows older than this are republished
};

// Who publishes: becomes ce_source "/kfn/<function>" and the traceparent header.
struct EventOrigin {
  std::string_view function_name;
  std::string_view traceparent;
};

// A schema's database. Thread-safe.
class SchemaDatabase {
 public:
  virtual ~SchemaDatabase() = default;
  virtual SqlResult execute(std::string_view sql, SqlParams const& params) = 0;
  // Transaction::publish writes CloudEvent records with this origin to the schema's outbox table.
  virtual std::unique_ptr<Transaction> begin(EventOrigin const& origin) = 0;
};

// Publishes straight to Kafka (no transaction). Thread-safe.
class DirectPublisher {
 public:
  virtual ~DirectPublisher() = default;
  virtual void publish(DomainEvent event, EventOrigin const& origin) = 0;
  // Returns once Kafka acknowledged every event; throws kfn::Unavailable otherwise (see
  // EventPublisher::publish_confirmed).
  virtual void publish_confirmed(std::vector<DomainEvent> events, EventOrigin const& origin) = 0;
};

// Thread-safe. Connecting is lazy: a dependency that is down makes calls throw kfn::Unavailable and
// is retried on the next call, so the process recovers on its own when it comes back.
class Services {
 public:
  static std::unique_ptr<Services> create(ServiceConfig const& config, Logger& log);
  virtual ~Services() = default;

  // Creates the schema if needed, applies its pending migrations (files NNN_name.sql, in order, each
  // once, recorded in kfn_schema_migrations) and the runtime's own tables (kfn_outbox,
  // kfn_processed_events). Idempotent; safe to run from several processes.
  virtual void migrate(std::string const& schema, std::filesystem::path const& migrations_dir) = 0;
  virtual SchemaDatabase& database(std::string const& schema) = 0;
  virtual Redis& redis() = 0;
  virtual DirectPublisher& publisher() = 0;

  // Readiness: every configured dependency answers. Fills `detail` with what does not.
  virtual bool ready(std::string& detail) = 0;
  // Prometheus text for the services' own metrics (pool use, outbox backlog, produce errors).
  virtual std::string metrics_text() = 0;
  // Stops the sweeper and flushes the producer, waiting at most `grace`.
  virtual void shutdown(std::chrono::milliseconds grace) = 0;
};

}  // namespace kfn::host

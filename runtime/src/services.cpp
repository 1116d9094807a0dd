// Services::create: wires the MySQL pools (one per schema, made on first use), the Redis pool, the
// producer, one outbox relay per schema and the direct publisher, and shuts them down in an order
// that leaves no delivery callback pointing at something already gone.
#include "kfn/host/services.h"

#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "kafka_direct_publisher.h"
#include "kafka_producer.h"
#include "migrations.h"
#include "mysql_pool.h"
#include "outbox_relay.h"
#include "redis_pool.h"
#include "schema_database.h"

namespace kfn::host {
namespace {

constexpr auto kReadyTimeout = std::chrono::seconds(2);

// Stands in for a dependency the configuration leaves out, so hosts can hand it out unconditionally.
class Unconfigured final : public DirectPublisher, public Redis {
 public:
  void publish(DomainEvent /*event*/, EventOrigin const& /*origin*/) override {
    throw std::logic_error("no Kafka configured");
  }
  void publish_confirmed(std::vector<DomainEvent> /*events*/, EventOrigin const& /*origin*/) override {
    throw std::logic_error("no Kafka configured");
  }
  RedisReply command(std::vector<std::string> const& /*args*/) override {
    throw std::logic_error("no Redis configured");
  }
  std::vector<RedisReply> pipeline(std::vector<std::vector<std::string>> const& /*commands*/) override {
    throw std::logic_error("no Redis configured");
  }
};

struct Schema {
  std::unique_ptr<MysqlPool> pool;
  std::unique_ptr<OutboxRelay> relay;  // null without Kafka
  std::unique_ptr<MysqlSchemaDatabase> database;
};

void gauge(std::ostringstream& out, char const* name, char const* help,
           std::vector<std::string> const& samples) {
  out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << " gauge\n";
  for (auto const& sample : samples) out << name << sample << '\n';
}

class ServicesImpl final : public Services {
 public:
  ServicesImpl(ServiceConfig config, Logger& log);
  ~ServicesImpl() override { shutdown(std::chrono::seconds(5)); }

  void migrate(std::string const& schema, std::filesystem::path const& migrations_dir) override;
  SchemaDatabase& database(std::string const& schema) override { return *entry(schema).database; }
  Redis& redis() override { return redis_ ? static_cast<Redis&>(*redis_) : unconfigured_; }
  DirectPublisher& publisher() override {
    return publisher_ ? static_cast<DirectPublisher&>(*publisher_) : unconfigured_;
  }
  bool ready(std::string& detail) override;
  std::string metrics_text() override;
  void shutdown(std::chrono::milliseconds grace) override;

 private:
  Schema& entry(std::string const& schema);
  MysqlSettings mysql_settings(std::string const& schema) const;

  ServiceConfig const config_;
  Logger& log_;
  Unconfigured unconfigured_;
  std::optional<MysqlUrl> mysql_url_;
  std::unique_ptr<MysqlPool> server_pool_;  // no default schema; for readiness
  std::unique_ptr<RedisPool> redis_;
  std::unique_ptr<KafkaProducer> producer_;
  std::unique_ptr<KafkaDirectPublisher> publisher_;
  std::mutex mutex_;                                        // guards schemas_ and shut_down_
  std::map<std::string, std::unique_ptr<Schema>> schemas_;  // destroyed before the producer and pools
  bool shut_down_ = false;
};

ServicesImpl::ServicesImpl(ServiceConfig config, Logger& log) : config_(std::move(config)), log_(log) {
  nlohmann::json configured = nlohmann::json::object();
  if (!config_.mysql_url.empty()) {
    mysql_url_ = parse_mysql_url(config_.mysql_url);
    server_pool_ = std::make_unique<MysqlPool>(mysql_settings(""), 2);
    configured["mysql"] = mysql_url_->masked();
  }
  if (!config_.redis_url.empty()) {
    auto settings = parse_redis_url(config_.redis_url);
    configured["redis"] = settings.host + ":" + std::to_string(settings.port);
    redis_ = std::make_unique<RedisPool>(std::move(settings), config_.redis_pool_size);
  }
  if (!config_.kafka_brokers.empty()) {
    ProducerSettings settings;
    settings.brokers = config_.kafka_brokers;
    settings.overrides = config_.kafka_producer_properties;
    producer_ = std::make_unique<KafkaProducer>(settings, log_);
    publisher_ = std::make_unique<KafkaDirectPublisher>(*producer_, log_);
    configured["kafka"] = config_.kafka_brokers;
  }
  log_.info("services configured", configured);
}

MysqlSettings ServicesImpl::mysql_settings(std::string const& schema) const {
  MysqlSettings settings;
  settings.url = *mysql_url_;
  settings.schema = schema;
  return settings;
}

Schema& ServicesImpl::entry(std::string const& schema) {
  if (!mysql_url_) throw std::logic_error("no database configured");
  if (!is_valid_schema_name(schema)) throw std::invalid_argument("bad schema name '" + schema + "'");
  std::lock_guard lock(mutex_);
  auto& slot = schemas_[schema];
  if (!slot) {
    auto made = std::make_unique<Schema>();
    made->pool = std::make_unique<MysqlPool>(mysql_settings(schema), config_.mysql_pool_size);
    if (producer_ && !shut_down_) {
      OutboxRelaySettings relay{config_.outbox_sweep_interval, config_.outbox_sweep_age};
      made->relay = std::make_unique<OutboxRelay>(mysql_settings(schema), *producer_, relay, log_);
    }
    made->database = std::make_unique<MysqlSchemaDatabase>(*made->pool, made->relay.get());
    slot = std::move(made);
  }
  return *slot;
}

void ServicesImpl::migrate(std::string const& schema, std::filesystem::path const& migrations_dir) {
  if (!mysql_url_) throw std::logic_error("no database configured");
  MysqlConnection connection(mysql_settings(""));
  migrate_schema(connection, schema, migrations_dir, log_);
  entry(schema);  // starts the schema's relay, which sweeps what an earlier run left behind
}

bool ServicesImpl::ready(std::string& detail) {
  detail.clear();
  auto check = [&](char const* name, auto&& probe) {
    try {
      probe();
    } catch (std::exception const& e) {
      detail += std::string(detail.empty() ? "" : "; ") + name + ": " + e.what();
    }
  };
  if (server_pool_) check("mysql", [&] { server_pool_->acquire()->execute("SELECT 1"); });
  if (redis_) {
    check("redis", [&] {
      auto const reply = redis_->command({"PING"});
      if (reply.type != RedisReply::Type::kStatus) throw Unavailable("unexpected PING reply " + reply.str);
    });
  }
  if (producer_) {
    check("kafka", [&] {
      std::string why;
      if (!producer_->reachable(kReadyTimeout, why)) throw Unavailable(why);
    });
  }
  return detail.empty();
}

std::string ServicesImpl::metrics_text() {
  std::vector<std::string> backlog;
  std::vector<std::string> connections;
  {
    std::lock_guard lock(mutex_);
    for (auto const& [name, schema] : schemas_) {
      auto const stats = schema->pool->stats();
      connections.push_back("{pool=\"mysql\",schema=\"" + name + "\",state=\"open\"} " +
                            std::to_string(stats.open));
      connections.push_back("{pool=\"mysql\",schema=\"" + name + "\",state=\"in_use\"} " +
                            std::to_string(stats.in_use));
      if (schema->relay)
        backlog.push_back("{schema=\"" + name + "\"} " + std::to_string(schema->relay->backlog()));
    }
  }
  if (redis_) {
    auto const stats = redis_->stats();
    connections.push_back("{pool=\"redis\",schema=\"\",state=\"open\"} " + std::to_string(stats.open));
    connections.push_back("{pool=\"redis\",schema=\"\",state=\"in_use\"} " + std::to_string(stats.in_use));
  }
  std::ostringstream out;
  gauge(out, "kfn_pool_connections", "Pooled connections by state.", connections);
  gauge(out, "kfn_outbox_backlog", "Outbox rows not yet delivered to Kafka (at the last sweep; -1: unknown).",
        backlog);
  if (producer_) {
    out << "# HELP kfn_kafka_produced_total Records by delivery outcome.\n# TYPE kfn_kafka_produced_total "
           "counter\n"
        << "kfn_kafka_produced_total{outcome=\"delivered\"} " << producer_->delivered() << '\n'
        << "kfn_kafka_produced_total{outcome=\"failed\"} " << producer_->failed() << '\n';
    gauge(out, "kfn_kafka_producer_queue", "Records waiting in the producer.",
          {" " + std::to_string(producer_->queued())});
  }
  return out.str();
}

void ServicesImpl::shutdown(std::chrono::milliseconds grace) {
  std::vector<OutboxRelay*> relays;
  {
    std::lock_guard lock(mutex_);
    if (shut_down_) return;
    shut_down_ = true;
    for (auto const& [name, schema] : schemas_) {
      if (schema->relay) relays.push_back(schema->relay.get());
    }
  }
  auto const started = std::chrono::steady_clock::now();
  if (producer_) producer_->flush(grace);
  // Deliveries reported by now get their outbox rows deleted; later ones are swept after a restart.
  for (auto* relay : relays) relay->stop();
  auto const spent =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  if (producer_) producer_->close(std::max(grace - spent, std::chrono::milliseconds(0)));
}

}  // namespace

std::unique_ptr<Services> Services::create(ServiceConfig const& config, Logger& log) {
  return std::make_unique<ServicesImpl>(config, log);
}

}  // namespace kfn::host

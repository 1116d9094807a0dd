// The per-invocation kfn::Context: references to the services the loaded function shares plus this
// invocation's identity, ids and deadline. Cheap to construct: no allocation, no locking.
#pragma once

#include <memory>
#include <string>

#include "env_config.h"
#include "function_metrics.h"
#include "kfn/context.h"
#include "kfn/host/function_host.h"
#include "kfn/host/services.h"

namespace kfn::host {

// What every invocation of one loaded function shares. Built once at load time.
struct FunctionRuntime {
  FunctionRuntime(std::string function_name, std::map<std::string, std::string> env,
                  std::shared_ptr<Logger> logger, MetricsRegistry& registry, SchemaDatabase* schema_database,
                  Services& shared_services, Tokens& token_service)
      : name(std::move(function_name)),
        config(std::move(env)),
        log(std::move(logger)),
        metrics(registry, name),
        database(schema_database),
        services(shared_services),
        tokens(token_service) {}

  std::string name;
  EnvConfig config;
  std::shared_ptr<Logger> log;  // adds {"function": name}
  FunctionMetrics metrics;
  SchemaDatabase* database;  // null when the manifest names no context
  Services& services;
  Tokens& tokens;
};

// kfn::Database for one invocation: publishes through the outbox with this invocation's origin.
class InvocationDatabase : public Database {
 public:
  InvocationDatabase(SchemaDatabase* database, EventOrigin origin) : database_(database), origin_(origin) {}
  SqlResult execute(std::string_view sql, SqlParams const& params) override;
  std::unique_ptr<Transaction> begin() override;

 private:
  SchemaDatabase* database_;
  EventOrigin origin_;
};

class InvocationPublisher : public EventPublisher {
 public:
  InvocationPublisher(Services& services, EventOrigin origin) : services_(services), origin_(origin) {}
  void publish(DomainEvent event) override;
  void publish_confirmed(std::vector<DomainEvent> events) override;

 private:
  Services& services_;
  EventOrigin origin_;
};

// Adds request_id and trace_id to every line the function logs.
class InvocationLogger : public Logger {
 public:
  InvocationLogger(Logger& function_log, Invocation const& invocation)
      : log_(function_log), invocation_(invocation) {}
  void log(LogLevel level, std::string_view message, nlohmann::json const& fields) override;

 private:
  Logger& log_;
  Invocation const& invocation_;
};

// Valid while `function` and `invocation` are.
class InvocationContext final : public Context {
 public:
  InvocationContext(FunctionRuntime& function, Invocation const& invocation);

  Database& db() override;
  Redis& redis() override { return function_.services.redis(); }
  EventPublisher& events() override { return events_; }
  Tokens& tokens() override { return function_.tokens; }
  [[nodiscard]] Config const& config() const override { return function_.config; }
  Logger& log() override { return log_; }
  Metrics& metrics() override { return function_.metrics; }
  [[nodiscard]] Identity const* caller() const override { return invocation_.caller; }
  [[nodiscard]] std::chrono::steady_clock::time_point deadline() const override {
    return invocation_.deadline;
  }
  [[nodiscard]] std::string_view request_id() const override { return invocation_.request_id; }
  [[nodiscard]] std::string_view traceparent() const override { return invocation_.traceparent; }
  [[nodiscard]] std::chrono::system_clock::time_point now() const override {
    return std::chrono::system_clock::now();
  }

 private:
  FunctionRuntime& function_;
  Invocation const& invocation_;
  InvocationDatabase db_;
  InvocationPublisher events_;
  InvocationLogger log_;
};

// The 32-hex-digit trace id of a W3C traceparent, or empty when it is not one.
std::string_view trace_id_of(std::string_view traceparent);

}  // namespace kfn::host

// `kfn run`: load manifests, bring up dependencies, migrate, load functions, serve, drain on signal.
#include "run_command.h"

#include <algorithm>
#include <iostream>
#include <thread>

#include "backing_services.h"
#include "edge_setup.h"
#include "kfn/errors.h"
#include "kfn/host/function_host.h"
#include "kfn/host/process_log.h"
#include "kfn/host/services.h"
#include "kfn/http/server.h"
#include "kfn/kafka/trigger.h"
#include "kfn/sse/edge.h"
#include "process_setup.h"

namespace kfn::runner {
namespace {

using namespace std::chrono_literals;

bool uses_database(kfn::host::Catalogue const& catalogue, std::string const& only) {
  for (auto const& fn : catalogue.functions) {
    if (!fn.context.empty() && (only.empty() || fn.name == only)) return true;
  }
  return false;
}

void migrate_contexts(kfn::host::Services& services, kfn::host::Catalogue const& catalogue,
                      kfn::Logger& log) {
  for (auto const& context : catalogue.contexts) migrate_context(services, context, log);
}

}  // namespace

int run(RunOptions const& options) {
  auto log = kfn::host::make_process_logger();
  auto catalogue = kfn::host::load_catalogue(options.manifests);
  for (auto& context : catalogue.contexts) context.schema = options.schema_prefix + context.schema;

  auto backing = bring_up_backing_services(catalogue, options.state_dir,
                                           uses_database(catalogue, options.only_function));
  log->info("dependencies", {{"kafka", backing.kafka_brokers},
                             {"kafka_embedded", backing.kafka_embedded},
                             {"mysql", redact_url(backing.mysql_url)},
                             {"redis", backing.redis_url}});

  auto kafka_options = kfn::kafka::TriggerOptions::from_environment(backing.kafka_embedded);
  kfn::host::ServiceConfig config;
  config.mysql_url = backing.mysql_url;
  config.redis_url = backing.redis_url;
  config.kafka_brokers = backing.kafka_brokers;
  config.kafka_producer_properties.assign(kafka_options.producer_properties.begin(),
                                          kafka_options.producer_properties.end());
  auto services = kfn::host::Services::create(config, *log);
  if (!backing.mysql_url.empty()) migrate_contexts(*services, catalogue, *log);

  kfn::host::MetricsRegistry metrics;
  auto service_name = options.only_function.empty() ? catalogue.app.service_name : options.only_function;
  auto cors = catalogue.app.cors_origins;
  auto jwt = jwt_settings(catalogue, *log);
  kfn::host::FunctionHost host(std::move(catalogue), options.library_dir, *services, metrics, log,
                               std::move(jwt), options.only_function);

  kfn::http::ServerOptions server_options;
  server_options.address = options.address;
  server_options.port = options.port;
  server_options.service_name = service_name;
  server_options.cors_origins = cors;
  server_options.io_threads = static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
  // SSE edges share the port: their routes are mounted on the HTTP trigger.
  std::vector<std::unique_ptr<kfn::sse::Edge>> edges;
  for (auto const* fn : host.functions()) {
    if (!fn->sse) continue;
    auto edge_options =
        edge_options_for(*fn, backing.kafka_brokers, backing.kafka_embedded, options.schema_prefix);
    edges.push_back(std::make_unique<kfn::sse::Edge>(*services, metrics, log, std::move(edge_options)));
    for (auto& route : edges.back()->routes()) server_options.mounted_routes.push_back(std::move(route));
  }
  for (auto& edge : edges) edge->start();
  kfn::http::Server server(host, metrics, server_options);
  server.start();

  // Kafka-triggered functions consume in their consumer groups; without any, no consumer is created.
  std::unique_ptr<kfn::kafka::Trigger> kafka_trigger;
  if (std::ranges::any_of(host.functions(), [](auto const* fn) { return fn->kafka.has_value(); })) {
    kafka_trigger = std::make_unique<kfn::kafka::Trigger>(host, metrics, backing.kafka_brokers, log,
                                                          std::move(kafka_options));
    kafka_trigger->start();
  }

  // Machine-readable lines for scripts and tests, on stdout; everything else is JSON on stderr.
  if (backing.kafka_embedded) std::cout << "kafka bootstrap " << backing.kafka_brokers << "\n";
  std::cout << "listening on http://" << options.address << ":" << server.port() << std::endl;

  int signal_number = wait_for_stop_signal();
  log->info("stopping", {{"signal", signal_number}});
  for (auto& edge : edges) edge->stop();  // streams end cleanly before the endpoint goes
  server.stop();
  if (kafka_trigger) kafka_trigger->stop(10s);
  services->shutdown(10s);
  return 0;
}

}  // namespace kfn::runner

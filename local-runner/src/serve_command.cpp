// `kfn serve`: load the one function, check the outside services are named, serve until SIGTERM.
#include "serve_command.h"

#include <cstdlib>
#include <iostream>
#include <stdexcept>

#include "backing_services.h"
#include "kfn/cloudevents/event_receiver.h"
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

std::string env_or(char const* name, std::string fallback) {
  char const* value = std::getenv(name);
  return value && *value ? std::string(value) : std::move(fallback);
}

std::uint16_t port_from(std::string const& text) {
  std::size_t used = 0;
  int port = -1;
  try {
    port = std::stoi(text, &used);
  } catch (std::exception const&) {
    used = 0;
  }
  if (used != text.size() || port < 0 || port > 65535)
    throw std::invalid_argument("PORT must be 0..65535, got " + text);
  return static_cast<std::uint16_t>(port);
}

// Knative gives every dependency by environment; nothing is started here.
kfn::host::ServiceConfig outside_services(kfn::host::FunctionManifest const& fn) {
  kfn::host::ServiceConfig config;
  config.mysql_url = env_or("MYSQL_URL", "");
  config.redis_url = env_or("REDIS_URL", "");
  config.kafka_brokers = env_or("KAFKA_BROKERS", "");
  auto const producer_properties = kfn::kafka::TriggerOptions::from_environment(false).producer_properties;
  config.kafka_producer_properties.assign(producer_properties.begin(), producer_properties.end());
  std::string missing;
  auto need = [&missing](std::string const& value, char const* name) {
    if (value.empty()) missing += missing.empty() ? name : std::string(", ") + name;
  };
  if (!fn.context.empty()) need(config.mysql_url, "MYSQL_URL");
  need(config.redis_url, "REDIS_URL");
  need(config.kafka_brokers, "KAFKA_BROKERS");
  if (!missing.empty()) {
    throw std::runtime_error("Knative mode needs " + missing + " (no embedded services; " + fn.name +
                             " reads them from its Service's env)");
  }
  return config;
}

// Knative waits up to the Service's timeoutSeconds for a request; a drain waits as long.
std::chrono::milliseconds drain_timeout(kfn::host::FunctionManifest const& fn) {
  auto const longest = fn.http ? fn.http->timeout : std::chrono::milliseconds(30s);
  return longest + 5s;
}

}  // namespace

ServeOptions serve_options_from_environment(std::filesystem::path const& default_library_dir) {
  ServeOptions options;
  options.function = env_or("KFN_FUNCTION", "");
  options.address = env_or("KFN_ADDRESS", options.address);
  options.port = port_from(env_or("PORT", "8080"));
  options.manifests = env_or("KFN_MANIFESTS", options.manifests.string());
  options.library_dir = env_or("KFN_LIB_DIR", default_library_dir.string());
  options.schema_prefix = env_or("KFN_SCHEMA_PREFIX", "");
  options.migrate = env_or("KFN_MIGRATE", "1") != "0";
  return options;
}

int serve(ServeOptions const& options) {
  if (options.function.empty())
    throw std::runtime_error("Knative mode serves one function: set KFN_FUNCTION");
  auto log = kfn::host::with_fields(kfn::host::make_process_logger(), {{"function", options.function}});
  auto catalogue = kfn::host::load_catalogue(options.manifests);
  auto const* fn = catalogue.function(options.function);
  if (fn == nullptr) {
    throw std::runtime_error("no function '" + options.function + "' in " + options.manifests.string());
  }
  auto const manifest = *fn;  // the catalogue moves into the host below
  for (auto& context : catalogue.contexts) context.schema = options.schema_prefix + context.schema;

  auto config = outside_services(manifest);
  log->info("dependencies", {{"kafka", config.kafka_brokers},
                             {"mysql", redact_url(config.mysql_url)},
                             {"redis", redact_url(config.redis_url)}});
  // Enough connections for one function's container concurrency, not a whole runner's.
  config.mysql_pool_size = 8;
  config.redis_pool_size = 8;
  auto services = kfn::host::Services::create(config, *log);
  if (options.migrate && !manifest.context.empty()) {
    migrate_context(*services, *catalogue.context(manifest.context), *log);
  }

  kfn::host::MetricsRegistry metrics;
  auto cors = catalogue.app.cors_origins;
  auto jwt = jwt_settings(catalogue, *log);
  kfn::host::FunctionHost host(std::move(catalogue), options.library_dir, *services, metrics, log,
                               std::move(jwt), options.function);

  kfn::http::ServerOptions server_options;
  server_options.address = options.address;
  server_options.port = options.port;
  server_options.service_name = options.function;
  server_options.cors_origins = cors;
  server_options.drain_timeout = drain_timeout(manifest);
  std::unique_ptr<kfn::cloudevents::EventReceiver> receiver;
  if (manifest.kafka) {
    receiver = std::make_unique<kfn::cloudevents::EventReceiver>(host, manifest.name);
    server_options.event_function = manifest.name;
    server_options.event_handler = [&receiver](kfn::HttpRequest const& request) {
      return receiver->handle(request);
    };
  }
  // The SSE edge (the one service that never scales to zero) consumes its deliveries itself, in a
  // consumer group of its own per process, exactly as in the local runner.
  std::unique_ptr<kfn::sse::Edge> edge;
  if (manifest.sse) {
    edge = std::make_unique<kfn::sse::Edge>(
        *services, metrics, log,
        kfn::sse::EdgeOptions::from_manifest(manifest, config.kafka_brokers, options.schema_prefix));
    for (auto& route : edge->routes()) server_options.mounted_routes.push_back(std::move(route));
    edge->start();
  }
  kfn::http::Server server(host, metrics, server_options);
  server.start();
  std::cout << "listening on http://" << options.address << ":" << server.port() << std::endl;

  int signal_number = wait_for_stop_signal();
  log->info("stopping: draining in-flight requests", {{"signal", signal_number}});
  if (edge) edge->stop();  // streams end cleanly (with `retry:`) before the endpoint goes
  server.stop();
  services->shutdown(10s);
  return 0;
}

int serve_command(std::vector<std::string> const& args, std::filesystem::path const& default_library_dir) {
  auto options = serve_options_from_environment(default_library_dir);
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto const& flag = args[i];
    auto value = [&]() -> std::string const& {
      if (i + 1 >= args.size()) throw std::invalid_argument(flag + " needs a value");
      return args[++i];
    };
    if (flag == "--function")
      options.function = value();
    else if (flag == "--port")
      options.port = port_from(value());
    else if (flag == "--address")
      options.address = value();
    else if (flag == "--manifests")
      options.manifests = value();
    else if (flag == "--lib-dir")
      options.library_dir = value();
    else
      throw std::invalid_argument("unknown option " + flag);
  }
  return serve(options);
}

}  // namespace kfn::runner

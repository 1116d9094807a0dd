// The HTTP trigger: serves every HTTP function of a FunctionHost (plus /health, /metrics) over
// Pistache, with keep-alive as the HTTP/1.1 default, JWT auth, body caps and graceful shutdown.
//
//   kfn::http::Server server(host, metrics, {.port = 0});
//   server.start();  // listening once this returns; server.port() says where
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "kfn/host/function_host.h"
#include "kfn/host/metrics_registry.h"
#include "kfn/http/mounted_route.h"

namespace kfn::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;              // 0: any free port
  int io_threads = 2;                     // Pistache reactor threads
  int worker_threads = 64;                // where functions run (they block on MySQL/Redis)
  std::string service_name = "kfn";       // GET /health answers {"status":"healthy","service":service_name}
  std::vector<std::string> cors_origins;  // "*" = any
  std::chrono::milliseconds drain_timeout{10'000};
  // Requests waiting for a worker; beyond this they get 503 `unavailable` rather than memory.
  std::size_t queue_capacity = 4096;
  // Knative mode: `POST /` delivers one CloudEvent to this handler, run on a worker and drained like
  // any request (see kfn/cloudevents/event_receiver.h); `event_function` labels its metrics.
  std::function<HttpResponse(HttpRequest const&)> event_handler;
  std::string event_function;
  // Pistache's header and body timeouts; zero: the longest route timeout plus a margin, at least 60 s.
  std::chrono::milliseconds request_timeout{0};
  // How long Pistache keeps an idle keep-alive connection (0.0.5's default is 300 s).
  std::chrono::milliseconds keepalive_timeout{300'000};
  // Routes of other triggers (the SSE edge) on this port; matched after the built-ins, before functions.
  std::vector<MountedRoute> mounted_routes;
};

class RequestPipeline;

// Serves every HTTP function of a FunctionHost. start() returns once listening; stop() is graceful.
// `host` and `metrics` must outlive the Server. start/stop/~Server are called from one owning thread;
// port() and add_metrics_source() may be called from any thread.
class Server {
 public:
  Server(kfn::host::FunctionHost& host, kfn::host::MetricsRegistry& metrics, ServerOptions options);
  ~Server();  // stops if running
  Server(Server const&) = delete;
  Server& operator=(Server const&) = delete;

  void start();  // throws std::runtime_error naming the address on bind failure
  [[nodiscard]] std::uint16_t port() const;
  void stop();  // stop accepting, finish in-flight requests (<= drain_timeout), close
  // extra text appended to /metrics (e.g. the Kafka trigger's series); must be thread-safe
  void add_metrics_source(std::function<std::string()> source);

 private:
  struct Listening;  // the Pistache endpoint, while started

  ServerOptions const options_;
  std::shared_ptr<RequestPipeline> pipeline_;  // shared with Pistache's per-thread handlers
  std::unique_ptr<Listening> listening_;
  std::atomic<std::uint16_t> port_{0};
  bool stopped_ = false;
};

}  // namespace kfn::http

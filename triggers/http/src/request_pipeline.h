// What happens to one HTTP request, in order: request id, built-in routes, route lookup, CORS
// preflight, body cap, content type, then (on a worker) auth, deadline and the function itself.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "built_in_routes.h"
#include "cors.h"
#include "http_metrics.h"
#include "in_flight.h"
#include "kfn/host/function_host.h"
#include "kfn/http/server.h"
#include "response_sink.h"
#include "route_table.h"
#include "worker_pool.h"

namespace kfn::http {

// Thread-safe: handle() runs on every reactor thread at once. `host` and `metrics` must outlive it.
class RequestPipeline {
 public:
  RequestPipeline(kfn::host::FunctionHost& host, kfn::host::MetricsRegistry& metrics,
                  ServerOptions const& options);
  ~RequestPipeline();
  RequestPipeline(RequestPipeline const&) = delete;
  RequestPipeline& operator=(RequestPipeline const&) = delete;

  // Never throws. Answers `sink` exactly once, from this thread or a worker.
  void handle(HttpRequest request, std::shared_ptr<ResponseSink> sink);

  [[nodiscard]] RouteTable const& routes() const { return routes_; }
  void add_metrics_source(std::function<std::string()> source);

  // Shutdown, in this order: readiness fails and responses close their connections; wait for the
  // requests under way; then stop the workers (waiting requests are dropped unanswered).
  void begin_draining();
  bool wait_until_idle(std::chrono::steady_clock::time_point deadline);
  void stop_workers();

 private:
  struct Exchange;
  using Work = std::function<HttpResponse(Exchange&)>;

  void dispatch(std::shared_ptr<Exchange> const& exchange);
  void dispatch_event(std::shared_ptr<Exchange> const& exchange);
  void answer_built_in(std::shared_ptr<Exchange> const& exchange, BuiltIn built_in);
  void run_on_worker(std::shared_ptr<Exchange> const& exchange, Work work);
  HttpResponse call_function(Exchange& exchange, RouteEntry const& entry);
  // The mounted routes at `path`, or none; then whether one takes `method`.
  bool dispatch_mounted(std::shared_ptr<Exchange> const& exchange);
  HttpResponse call_mounted(Exchange& exchange, MountedRoute const& route);
  HttpResponse metrics_page();
  void finish(Exchange& exchange, HttpResponse response);

  kfn::host::FunctionHost& host_;
  RouteTable const routes_;
  CorsPolicy const cors_;
  std::vector<MountedRoute> const mounted_;
  BuiltInRoutes built_ins_;
  HttpMetrics metrics_;
  std::shared_ptr<Logger> log_;
  std::function<HttpResponse(HttpRequest const&)> const event_handler_;
  std::string const event_function_;
  InFlight in_flight_;
  std::atomic<bool> draining_{false};
  WorkerPool workers_;  // last: its threads use everything above
};

}  // namespace kfn::http

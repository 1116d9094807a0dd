#include "request_pipeline.h"

#include <exception>

#include "auth.h"
#include "kfn/host/process_log.h"
#include "request_checks.h"
#include "request_id.h"
#include "trace_context.h"
#include "wire_response.h"

namespace kfn::http {
namespace {

std::vector<std::string> function_names(RouteTable const& routes, ServerOptions const& options) {
  std::vector<std::string> names;
  for (auto const& entry : routes.entries()) names.push_back(entry.function);
  if (options.event_handler) names.push_back(options.event_function);
  return names;
}

HttpResponse method_not_allowed(std::vector<std::string> const& allowed) {
  auto response = kfn::error_response(405, "method_not_allowed", "method not allowed on this path");
  std::string list;
  for (auto const& method : allowed) list += (list.empty() ? "" : ", ") + method;
  response.headers.set("Allow", list);
  return response;
}

HttpResponse overloaded() {
  auto response = kfn::error_response(503, "unavailable", "server is busy, try again");
  response.headers.set("Retry-After", "1");
  return response;
}

// A mounted route's view of its connection: the sink, which knows the Pistache peer, and the
// decorations every response of this server carries.
class SinkConnection final : public Connection {
 public:
  SinkConnection(ResponseSink& sink, std::function<void(HttpResponse&)> decorate)
      : sink_(sink), decorate_(std::move(decorate)) {}
  int take_over(HttpResponse head) override {
    decorate_(head);
    return sink_.take_over(serialize_stream_head(head, sink_.http_1_1()));
  }
  [[nodiscard]] bool http_1_1() const override { return sink_.http_1_1(); }

 private:
  ResponseSink& sink_;
  std::function<void(HttpResponse&)> decorate_;
};

}  // namespace

// One request on its way through; shared by the reactor and the worker that finishes it.
struct RequestPipeline::Exchange {
  HttpRequest request;
  std::shared_ptr<ResponseSink> sink;
  std::shared_ptr<InFlight::Ticket> ticket;
  std::string request_id;
  std::optional<std::string> origin;
  std::string_view metrics_label = kUnroutedLabel;
  std::chrono::steady_clock::time_point received = std::chrono::steady_clock::now();
};

RequestPipeline::RequestPipeline(kfn::host::FunctionHost& host, kfn::host::MetricsRegistry& metrics,
                                 ServerOptions const& options)
    : host_(host),
      routes_(RouteTable::from_manifests(host.functions())),
      cors_(options.cors_origins),
      mounted_(options.mounted_routes),
      built_ins_(options.service_name, host.services(), metrics),
      metrics_(metrics, function_names(routes_, options)),
      log_(kfn::host::with_fields(kfn::host::make_process_logger(), {{"component", "http"}})),
      event_handler_(options.event_handler),
      event_function_(options.event_function),
      workers_(options.worker_threads, options.queue_capacity) {}

RequestPipeline::~RequestPipeline() { workers_.stop(); }

void RequestPipeline::handle(HttpRequest request, std::shared_ptr<ResponseSink> sink) {
  auto exchange = std::make_shared<Exchange>();
  exchange->ticket = in_flight_.enter();
  exchange->request_id = choose_request_id(request.headers.get("X-Request-Id"));
  if (auto origin = request.headers.get("Origin")) exchange->origin = std::string(*origin);
  exchange->request = std::move(request);
  exchange->sink = std::move(sink);
  try {
    dispatch(exchange);
  } catch (std::exception const& e) {
    log_->error("request failed before reaching a function",
                {{"request_id", exchange->request_id}, {"error", e.what()}});
    finish(*exchange, kfn::error_response(500, "internal_error", "internal error"));
  }
}

void RequestPipeline::dispatch(std::shared_ptr<Exchange> const& exchange) {
  auto& request = exchange->request;
  if (auto built_in = match_built_in(request.path)) return answer_built_in(exchange, *built_in);
  if (dispatch_mounted(exchange)) return;
  if (event_handler_ && request.path == "/") return dispatch_event(exchange);

  auto lookup = routes_.find(request.method, request.path);
  if (lookup.outcome == RouteLookup::Outcome::kNotFound) {
    return finish(*exchange, kfn::error_response(404, "not_found", "no route for this path"));
  }
  if (lookup.outcome == RouteLookup::Outcome::kMethodNotAllowed) {
    if (request.method == "OPTIONS")
      return finish(*exchange, cors_.preflight(request, lookup.allowed_methods));
    return finish(*exchange, method_not_allowed(lookup.allowed_methods));
  }

  RouteEntry const& entry = *lookup.entry;
  exchange->metrics_label = entry.function;
  if (auto rejection = check_body_size(entry.route, request)) return finish(*exchange, std::move(*rejection));
  if (auto rejection = check_content_type(entry.route, request))
    return finish(*exchange, std::move(*rejection));
  request.path_params = std::move(lookup.params);
  run_on_worker(exchange, [this, &entry](Exchange& e) { return call_function(e, entry); });
}

void RequestPipeline::dispatch_event(std::shared_ptr<Exchange> const& exchange) {
  exchange->metrics_label = event_function_;
  run_on_worker(exchange, [this](Exchange& e) { return event_handler_(e.request); });
}

void RequestPipeline::answer_built_in(std::shared_ptr<Exchange> const& exchange, BuiltIn built_in) {
  exchange->metrics_label = kBuiltInLabel;
  auto const& method = exchange->request.method;
  if (method == "OPTIONS") return finish(*exchange, cors_.preflight(exchange->request, {"GET"}));
  if (method != "GET") return finish(*exchange, method_not_allowed({"GET"}));
  switch (built_in) {
    case BuiltIn::kHealth:
      return finish(*exchange, built_ins_.health());
    case BuiltIn::kLiveness:
      return finish(*exchange, BuiltInRoutes::liveness());
    case BuiltIn::kReadiness:  // asks MySQL, Redis and Kafka: never on a reactor thread
      return run_on_worker(exchange, [this](Exchange&) { return built_ins_.readiness(draining_.load()); });
    case BuiltIn::kMetrics:  // the services' metrics may query their backends too
      return run_on_worker(exchange, [this](Exchange&) { return metrics_page(); });
  }
}

void RequestPipeline::run_on_worker(std::shared_ptr<Exchange> const& exchange, Work work) {
  auto task = [this, exchange, work = std::move(work)] {
    HttpResponse response;
    try {
      response = work(*exchange);
    } catch (std::exception const& e) {
      log_->error("request failed", {{"request_id", exchange->request_id}, {"error", e.what()}});
      response = kfn::error_response(500, "internal_error", "internal error");
    }
    finish(*exchange, std::move(response));
  };
  if (!workers_.try_submit(std::move(task))) finish(*exchange, overloaded());
}

HttpResponse RequestPipeline::call_function(Exchange& exchange, RouteEntry const& entry) {
  std::optional<Identity> caller;
  if (entry.route.auth_required) {
    auto outcome = authenticate(exchange.request, host_.jwt(), host_.services().redis(),
                                std::chrono::system_clock::now());
    if (outcome.rejection) return std::move(*outcome.rejection);
    caller = std::move(outcome.identity);
  }
  kfn::host::Invocation invocation;
  invocation.caller = caller ? &*caller : nullptr;
  invocation.deadline = std::chrono::steady_clock::now() + entry.route.timeout;
  invocation.request_id = exchange.request_id;
  invocation.traceparent = choose_traceparent(exchange.request.headers.get("traceparent"));
  return host_.invoke_http(entry.function, exchange.request, invocation);
}

bool RequestPipeline::dispatch_mounted(std::shared_ptr<Exchange> const& exchange) {
  auto const& request = exchange->request;
  std::vector<std::string> allowed;
  for (auto const& route : mounted_) {
    if (route.path != request.path) continue;
    if (route.method == request.method) {
      exchange->metrics_label = kBuiltInLabel;  // the mounting trigger keeps its own series
      if (!request.body.empty()) {
        finish(*exchange, kfn::error_response(413, "payload_too_large", "this route takes no body"));
        return true;
      }
      run_on_worker(exchange, [this, &route](Exchange& e) { return call_mounted(e, route); });
      return true;
    }
    allowed.push_back(route.method);
  }
  if (allowed.empty()) return false;
  if (request.method == "OPTIONS") {
    finish(*exchange, cors_.preflight(request, allowed));
  } else {
    finish(*exchange, method_not_allowed(allowed));
  }
  return true;
}

HttpResponse RequestPipeline::call_mounted(Exchange& exchange, MountedRoute const& route) {
  std::optional<Identity> caller;
  bool const sent_token = exchange.request.headers.get("Authorization").has_value();
  if (route.auth == MountedAuth::kRequired || sent_token) {
    auto outcome = authenticate(exchange.request, host_.jwt(), host_.services().redis(),
                                std::chrono::system_clock::now());
    if (outcome.rejection) return std::move(*outcome.rejection);
    caller = std::move(outcome.identity);
  }
  if (!exchange.sink) return kfn::error_response(500, "internal_error", "internal error");
  SinkConnection connection(*exchange.sink, [&exchange, this](HttpResponse& head) {
    head.headers.set("X-Request-Id", exchange.request_id);
    cors_.decorate(head, exchange.origin);
  });
  return route.handler(exchange.request, caller ? &*caller : nullptr, connection);
}

HttpResponse RequestPipeline::metrics_page() {
  metrics_.set_in_flight(in_flight_.count());
  metrics_.set_queued(workers_.queued());
  return built_ins_.metrics_page();
}

void RequestPipeline::finish(Exchange& exchange, HttpResponse response) {
  auto sink = std::move(exchange.sink);  // taken first, so no path can answer twice
  if (!sink) return;
  response.headers.set("X-Request-Id", exchange.request_id);
  cors_.decorate(response, exchange.origin);
  auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - exchange.received);
  metrics_.record(exchange.metrics_label, response.status, elapsed.count());
  sink->send(response, !draining_.load(), std::move(exchange.ticket));
}

void RequestPipeline::add_metrics_source(std::function<std::string()> source) {
  built_ins_.add_metrics_source(std::move(source));
}

void RequestPipeline::begin_draining() { draining_.store(true); }

bool RequestPipeline::wait_until_idle(std::chrono::steady_clock::time_point deadline) {
  return in_flight_.wait_until_idle(deadline);
}

void RequestPipeline::stop_workers() { workers_.stop(); }

}  // namespace kfn::http

#include "kfn/http/server.h"

#include <pistache/endpoint.h>

#include <algorithm>
#include <stdexcept>

#include "pistache_handler.h"
#include "request_pipeline.h"

namespace kfn::http {
namespace {

// Room for the request line and headers on top of the largest body a route accepts.
constexpr std::size_t kHeaderAllowance = std::size_t{16} * 1024;
// Pistache answers a request past its buffer cap itself, in plain text. Keeping that cap well above
// every route's body_limit lets the route's own check answer with the API's JSON 413 for any body
// up to this size. The buffer grows only with what a client actually sends.
constexpr std::size_t kMinimumRequestBuffer = std::size_t{1} * 1024 * 1024;

// Pistache closes a connection whose request is "in progress" for longer than its header timeout,
// and a request stays in progress while its function runs: the timeout must outlast every route.
std::chrono::milliseconds request_timeout(RouteTable const& routes) {
  constexpr std::chrono::milliseconds kMinimum{60'000};
  constexpr std::chrono::milliseconds kMargin{10'000};
  return std::max(kMinimum, routes.longest_timeout() + kMargin);
}

Pistache::Http::Endpoint::Options endpoint_options(ServerOptions const& options, RouteTable const& routes) {
  auto timeout = options.request_timeout.count() > 0 ? options.request_timeout : request_timeout(routes);
  return Pistache::Http::Endpoint::options()
      .threads(std::max(1, options.io_threads))
      .threadsName("kfn-http-io")
      .flags(Pistache::Tcp::Options::ReuseAddr | Pistache::Tcp::Options::NoDelay)
      .maxRequestSize(std::max(routes.largest_body_limit(), kMinimumRequestBuffer) + kHeaderAllowance)
      .headerTimeout(timeout)
      .bodyTimeout(timeout)
      .keepaliveTimeout(options.keepalive_timeout);
}

}  // namespace

struct Server::Listening {
  explicit Listening(Pistache::Address const& address) : endpoint(address) {}
  Pistache::Http::Endpoint endpoint;
};

Server::Server(kfn::host::FunctionHost& host, kfn::host::MetricsRegistry& metrics, ServerOptions options)
    : options_(std::move(options)), pipeline_(std::make_shared<RequestPipeline>(host, metrics, options_)) {}

Server::~Server() { stop(); }

void Server::start() {
  if (listening_ || stopped_) throw std::logic_error("kfn::http::Server can be started once");
  auto where = options_.address + ":" + std::to_string(options_.port);
  auto listening =
      std::make_unique<Listening>(Pistache::Address(options_.address, Pistache::Port(options_.port)));
  try {
    listening->endpoint.init(endpoint_options(options_, pipeline_->routes()));
    listening->endpoint.setHandler(Pistache::Http::make_handler<PistacheHandler>(pipeline_));
    listening->endpoint.serveThreaded();
  } catch (std::exception const& e) {
    throw std::runtime_error("cannot listen on " + where + ": " + e.what());
  }
  port_.store(static_cast<std::uint16_t>(listening->endpoint.getPort()));
  listening_ = std::move(listening);
}

std::uint16_t Server::port() const { return port_.load(); }

void Server::stop() {
  if (!listening_) return;
  stopped_ = true;
  pipeline_->begin_draining();
  pipeline_->wait_until_idle(std::chrono::steady_clock::now() + options_.drain_timeout);
  listening_->endpoint.shutdown();
  // Workers may still hold responses past the drain timeout; they write into Pistache's transport,
  // so they stop before the endpoint (and its transports) are destroyed.
  pipeline_->stop_workers();
  listening_.reset();
}

void Server::add_metrics_source(std::function<std::string()> source) {
  pipeline_->add_metrics_source(std::move(source));
}

}  // namespace kfn::http

#include "kfn/sse/edge.h"

#include <openssl/rand.h>

#include <stdexcept>

#include "edge_impl.h"
#include "env_settings.h"

namespace kfn::sse {
namespace {

std::string random_id() {
  unsigned char bytes[8];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("no randomness for the edge id");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  for (unsigned char b : bytes) {
    id += kHex[b >> 4];
    id += kHex[b & 15];
  }
  return id;
}

}  // namespace

EdgeOptions EdgeOptions::from_manifest(kfn::host::FunctionManifest const& manifest, std::string kafka_brokers,
                                       std::string const& deployment_prefix) {
  if (!manifest.sse) throw std::invalid_argument(manifest.name + " has no sse trigger");
  EdgeOptions options;
  options.function_name = manifest.name;
  options.trigger = *manifest.sse;
  options.kafka_brokers = std::move(kafka_brokers);
  options.key_prefix = "kfn:sse:" + deployment_prefix;
  options.trigger.ticket_ttl = env_milliseconds("KFN_SSE_TICKET_TTL_MS", options.trigger.ticket_ttl);
  options.trigger.heartbeat = env_milliseconds("KFN_SSE_HEARTBEAT_MS", options.trigger.heartbeat);
  options.trigger.max_queue_bytes = env_bytes("KFN_SSE_MAX_QUEUE_BYTES", options.trigger.max_queue_bytes);
  return options;
}

Edge::Edge(kfn::host::Services& services, kfn::host::MetricsRegistry& metrics, std::shared_ptr<Logger> log,
           EdgeOptions options)
    : impl_(std::make_unique<Impl>(services, metrics, std::move(log), std::move(options), random_id())) {}

Edge::~Edge() { stop(); }

std::vector<kfn::http::MountedRoute> Edge::routes() {
  auto& trigger = impl_->options.trigger;
  Impl* impl = impl_.get();
  return {
      {"GET", trigger.path, kfn::http::MountedAuth::kOptional,
       [impl](HttpRequest const& request, Identity const* caller, kfn::http::Connection& connection) {
         return impl->open_stream(request, caller, connection);
       }},
      {"POST", trigger.ticket_path, kfn::http::MountedAuth::kRequired,
       [impl](HttpRequest const&, Identity const* caller, kfn::http::Connection&) {
         return impl->issue_ticket(*caller);
       }},
  };
}

void Edge::start() { impl_->start(); }

void Edge::stop() {
  if (impl_) impl_->stop();
}

}  // namespace kfn::sse

// The SSE edge: live events to every connected user (GET /events), resumable by Last-Event-ID, with
// single-use tickets (POST /events/ticket) and presence. Mounted on the HTTP trigger's port; fed by
// the deliveries topic (notification.events). See docs/architecture.md, "The SSE edge".
//
//   kfn::sse::Edge edge(services, metrics, log, kfn::sse::EdgeOptions::from_manifest(m, brokers, prefix));
//   server_options.mounted_routes = edge.routes();  // before the server starts
//   edge.start();  ...  edge.stop();                 // stop before the server stops
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "kfn/host/manifest.h"
#include "kfn/host/metrics_registry.h"
#include "kfn/host/services.h"
#include "kfn/http/mounted_route.h"
#include "kfn/log.h"

namespace kfn::sse {

struct EdgeOptions {
  std::string function_name;      // the edge's manifest name
  kfn::host::SseTrigger trigger;  // paths, topic, limits
  std::string kafka_brokers;
  std::string key_prefix;  // Redis namespace, e.g. "kfn:sse:"; a deployment's prefix keeps tests apart
  // How long a fetch of the deliveries topic waits for records. Against librdkafka's mock cluster,
  // which holds such fetches for the whole wait, use a few ms (as the Kafka trigger does): there the
  // wait is added to every delivery's latency. On real brokers it is only the idle polling rate.
  std::chrono::milliseconds fetch_wait{20};

  // From the manifest, then KFN_SSE_TICKET_TTL_MS, KFN_SSE_HEARTBEAT_MS and KFN_SSE_MAX_QUEUE_BYTES
  // when set (tests shorten them; operators may too).
  static EdgeOptions from_manifest(kfn::host::FunctionManifest const& manifest, std::string kafka_brokers,
                                   std::string const& deployment_prefix);
};

// Thread-safe after start(); routes() before the HTTP server starts; start/stop from one thread.
// `services` and `metrics` must outlive the Edge.
class Edge {
 public:
  Edge(kfn::host::Services& services, kfn::host::MetricsRegistry& metrics, std::shared_ptr<Logger> log,
       EdgeOptions options);
  ~Edge();  // stops
  Edge(Edge const&) = delete;
  Edge& operator=(Edge const&) = delete;

  // GET <path> and POST <ticket_path>, for kfn::http::ServerOptions::mounted_routes.
  [[nodiscard]] std::vector<kfn::http::MountedRoute> routes();
  // Returns once the deliveries topic is assigned (or after a bounded wait) and streams can open.
  void start();
  // Refuses new streams, ends every open one cleanly ("retry:" then the last chunk, so clients
  // reconnect to another edge), takes this edge's users offline and stops its threads.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kfn::sse

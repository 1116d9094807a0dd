// The routes every kfn process answers itself: /health (seed shape), liveness and readiness probes,
// and /metrics in Prometheus text format.
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kfn/host/metrics_registry.h"
#include "kfn/host/services.h"
#include "kfn/http.h"

namespace kfn::http {

enum class BuiltIn { kHealth, kLiveness, kReadiness, kMetrics };

// The built-in served at `path` (any method; only GET is allowed on them).
std::optional<BuiltIn> match_built_in(std::string_view path);

// Thread-safe. `services` and `metrics` must outlive it.
class BuiltInRoutes {
 public:
  BuiltInRoutes(std::string service_name, kfn::host::Services& services, kfn::host::MetricsRegistry& metrics);

  // Cheap answers, fine on a reactor thread.
  [[nodiscard]] HttpResponse health() const;
  [[nodiscard]] static HttpResponse liveness();
  [[nodiscard]] HttpResponse metrics_page() const;
  // Asks every dependency (network I/O): call it from a worker.
  [[nodiscard]] HttpResponse readiness(bool draining) const;

  void add_metrics_source(std::function<std::string()> source);

 private:
  std::string service_name_;
  kfn::host::Services& services_;
  kfn::host::MetricsRegistry& metrics_;
  mutable std::mutex sources_mutex_;
  std::vector<std::function<std::string()>> sources_;
};

}  // namespace kfn::http

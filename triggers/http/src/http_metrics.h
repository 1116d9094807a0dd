// The trigger's own Prometheus series: requests by function and status class, their duration, and
// how many are in flight. Registered once in the process's MetricsRegistry, updated lock-free.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kfn/host/metrics_registry.h"

namespace kfn::http {

// Label values for requests that reach no function.
inline constexpr char kBuiltInLabel[] = "_builtin";
inline constexpr char kUnroutedLabel[] = "_unrouted";

// Immutable after construction (the series themselves are atomic); thread-safe.
class HttpMetrics {
 public:
  HttpMetrics(kfn::host::MetricsRegistry& registry, std::vector<std::string> const& functions);
  HttpMetrics(HttpMetrics const&) = delete;
  HttpMetrics& operator=(HttpMetrics const&) = delete;

  // `function` is a function name or one of the labels above; unknown names count as unrouted.
  void record(std::string_view function, int status, double seconds);
  // Gauges sampled when /metrics is rendered.
  void set_in_flight(std::size_t requests) { in_flight_->set(static_cast<double>(requests)); }
  void set_queued(std::size_t requests) { queued_->set(static_cast<double>(requests)); }

 private:
  struct Series {
    std::array<kfn::host::Counter*, 5> by_class{};  // 1xx .. 5xx
    kfn::host::Histogram* duration = nullptr;
  };
  Series make_series(kfn::host::MetricsRegistry& registry, std::string const& function);

  std::unordered_map<std::string_view, Series> series_;  // keys point into names_
  std::vector<std::string> names_;
  kfn::host::Gauge* in_flight_;
  kfn::host::Gauge* queued_;
};

}  // namespace kfn::http

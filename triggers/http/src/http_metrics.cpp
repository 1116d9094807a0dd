#include "http_metrics.h"

#include <algorithm>

namespace kfn::http {

HttpMetrics::HttpMetrics(kfn::host::MetricsRegistry& registry, std::vector<std::string> const& functions)
    : in_flight_(
          &registry.gauge("kfn_http_in_flight_requests", "HTTP requests received and not yet answered")),
      queued_(&registry.gauge("kfn_http_queued_requests", "HTTP requests waiting for a worker thread")) {
  names_ = functions;
  names_.emplace_back(kBuiltInLabel);
  names_.emplace_back(kUnroutedLabel);
  std::sort(names_.begin(), names_.end());
  names_.erase(std::unique(names_.begin(), names_.end()), names_.end());
  // names_ no longer changes, so views of its strings stay valid as map keys.
  for (auto const& name : names_) series_.emplace(name, make_series(registry, name));
}

HttpMetrics::Series HttpMetrics::make_series(kfn::host::MetricsRegistry& registry,
                                             std::string const& function) {
  static constexpr std::array<char const*, 5> kClasses{"1xx", "2xx", "3xx", "4xx", "5xx"};
  Series series;
  for (std::size_t i = 0; i < kClasses.size(); ++i) {
    series.by_class[i] =
        &registry.counter("kfn_http_requests_total", "HTTP requests answered, by status class",
                          {{"function", function}, {"code_class", kClasses[i]}});
  }
  series.duration = &registry.histogram("kfn_http_request_duration_seconds",
                                        "Time from request received to response handed to the socket",
                                        {{"function", function}});
  return series;
}

void HttpMetrics::record(std::string_view function, int status, double seconds) {
  auto it = series_.find(function);
  if (it == series_.end()) it = series_.find(kUnroutedLabel);
  auto status_class = std::clamp(status / 100, 1, 5) - 1;
  it->second.by_class[static_cast<std::size_t>(status_class)]->add();
  it->second.duration->observe(seconds);
}

}  // namespace kfn::http

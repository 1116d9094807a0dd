// kfn::Metrics for one function: its counters and histograms become kfn_fn_<name>{function="..."}
// series in the process registry.
#pragma once

#include <map>
#include <shared_mutex>
#include <string>
#include <string_view>

#include "kfn/host/metrics_registry.h"
#include "kfn/metrics.h"

namespace kfn::host {

// Thread-safe. Series are created on first use and then found under a shared lock.
class FunctionMetrics : public Metrics {
 public:
  FunctionMetrics(MetricsRegistry& registry, std::string function_name)
      : registry_(registry), function_name_(std::move(function_name)) {}

  void count(std::string_view name, double value) override;
  void observe(std::string_view name, double value) override;

  // "Sign-ups/Day" -> "kfn_fn_sign_ups_day": snake_case, anything else replaced by '_'.
  static std::string series_name(std::string_view name);

 private:
  template <typename Series, typename Create>
  Series& find_or_create(std::map<std::string, Series*, std::less<>>& cache, std::string_view name,
                         Create create);

  MetricsRegistry& registry_;
  std::string function_name_;
  std::shared_mutex mutex_;
  std::map<std::string, Counter*, std::less<>> counters_;
  std::map<std::string, Histogram*, std::less<>> histograms_;
};

}  // namespace kfn::host

// A function's own metrics, namespaced and labelled so functions cannot collide with each other or
// with the runtime's series.
#include "function_metrics.h"

#include <cctype>
#include <mutex>

namespace kfn::host {

std::string FunctionMetrics::series_name(std::string_view name) {
  std::string out = "kfn_fn_";
  for (char c : name) {
    auto const byte = static_cast<unsigned char>(c);
    out += std::isalnum(byte) ? static_cast<char>(std::tolower(byte)) : '_';
  }
  if (name.empty()) out += "unnamed";
  return out;
}

template <typename Series, typename Create>
Series& FunctionMetrics::find_or_create(std::map<std::string, Series*, std::less<>>& cache,
                                        std::string_view name, Create create) {
  {
    std::shared_lock const lock(mutex_);
    if (auto const it = cache.find(name); it != cache.end()) return *it->second;
  }
  std::unique_lock const lock(mutex_);
  if (auto const it = cache.find(name); it != cache.end()) return *it->second;
  // Created before it is cached: a name the registry refuses (e.g. already a counter) caches nothing.
  Series& series = create(series_name(name));
  cache.emplace(std::string(name), &series);
  return series;
}

void FunctionMetrics::count(std::string_view name, double value) {
  auto& counter = find_or_create(counters_, name, [&](std::string const& series) -> Counter& {
    return registry_.counter(series, "Counted by function code.", {{"function", function_name_}});
  });
  counter.add(value);
}

void FunctionMetrics::observe(std::string_view name, double value) {
  auto& histogram = find_or_create(histograms_, name, [&](std::string const& series) -> Histogram& {
    return registry_.histogram(series, "Observed by function code.", {{"function", function_name_}});
  });
  histogram.observe(value);
}

}  // namespace kfn::host

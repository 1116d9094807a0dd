// A function's own metrics, exported on /metrics as kfn_fn_<name>{function="..."}.
#pragma once

#include <string_view>

namespace kfn {

// Thread-safe. Names are snake_case; anything else is replaced by '_'.
class Metrics {
 public:
  virtual ~Metrics() = default;
  virtual void count(std::string_view name, double value = 1) = 0;
  // Adds an observation to a histogram (seconds-scale buckets).
  virtual void observe(std::string_view name, double value) = 0;
};

}  // namespace kfn

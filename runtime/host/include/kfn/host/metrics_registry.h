// The process's metrics, rendered as Prometheus text on /metrics. Series are created once (at load
// time for per-function series) and updated lock-free on hot paths.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace kfn::host {

class Counter {
 public:
  void add(double v = 1) { value_.fetch_add(v, std::memory_order_relaxed); }
  [[nodiscard]] double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

class Gauge {
 public:
  void set(double v) { value_.store(v, std::memory_order_relaxed); }
  void add(double v) { value_.fetch_add(v, std::memory_order_relaxed); }
  [[nodiscard]] double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

// Fixed buckets in seconds, from 0.5 ms to 10 s.
class Histogram {
 public:
  static constexpr std::array<double, 14> kBounds{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                  0.1,    0.25,  0.5,    1,     2.5,  5,     10};
  void observe(double seconds);
  [[nodiscard]] std::uint64_t count() const { return count_.load(std::memory_order_relaxed); }
  // Observations in (kBounds[i-1], kBounds[i]] only; render() makes them cumulative.
  [[nodiscard]] std::uint64_t bucket(std::size_t i) const {
    return buckets_[i].load(std::memory_order_relaxed);
  }
  [[nodiscard]] double sum() const { return sum_.load(std::memory_order_relaxed); }

 private:
  std::array<std::atomic<std::uint64_t>, kBounds.size()> buckets_{};
  std::atomic<std::uint64_t> count_{0};
  std::atomic<double> sum_{0};
};

// Labels are rendered in the order given: {{"function","users-login"}}.
using Labels = std::vector<std::pair<std::string, std::string>>;

// Thread-safe. Returned references stay valid for the registry's lifetime.
class MetricsRegistry {
 public:
  MetricsRegistry();
  ~MetricsRegistry();  // out of line: Family is complete only in the .cpp
  Counter& counter(std::string const& name, std::string const& help, Labels const& labels = {});
  Gauge& gauge(std::string const& name, std::string const& help, Labels const& labels = {});
  Histogram& histogram(std::string const& name, std::string const& help, Labels const& labels = {});
  [[nodiscard]] std::string render() const;

 private:
  struct Family;
  Family& family(std::string const& name, std::string const& help, char kind);
  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<Family>> families_;
};

}  // namespace kfn::host

// Whether the poll thread runs records itself. It pays while handlers are quick; a slow one delays
// the next poll (until the watchdog stands in), so the poll thread stops running records once its
// recent ones were slow, and tries one batch again every kResampleBatches to notice when they are
// quick again.
#pragma once

#include <chrono>
#include <cstdint>

namespace kfn::kafka {

// Not thread-safe: the poll thread's.
class RunHereGate {
 public:
  static constexpr std::chrono::microseconds kQuick{200};
  static constexpr int kResampleBatches = 64;

  // Asked once per batch.
  bool open() {
    if (average_ <= kQuick) return true;
    if (++closed_batches_ < kResampleBatches) return false;
    closed_batches_ = 0;
    return true;
  }

  // One record run here took `took`: a moving average over about the last eight.
  void ran(std::chrono::nanoseconds took) { average_ += (took - average_) / 8; }

 private:
  std::chrono::nanoseconds average_{0};
  int closed_batches_ = 0;
};

}  // namespace kfn::kafka

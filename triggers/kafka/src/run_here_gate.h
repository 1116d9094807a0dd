// Whether the poll thread runs records itself. It pays while handlers are quick; a slow one delays
// the next poll (until the watchdog stands in), so the poll thread stops running records once its
// recent ones were slow, and tries one batch again every kResampleBatches to notice when they are
// quick again.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>

namespace kfn::kafka {

// Not thread-safe: the poll thread's.
class RunHereGate {
 public:
  static constexpr std::chrono::microseconds kQuick{200};
  static constexpr int kResampleBatches = 64;
  static constexpr std::chrono::microseconds kCountedAtMost = kQuick * 4;

  // Asked once per batch.
  bool open() {
    if (average_ <= kQuick) return true;
    if (++closed_batches_ < kResampleBatches) return false;
    closed_batches_ = 0;
    return true;
  }

  // One record run here took `took`: a moving average over about the last eight. Each record counts
  // for at most kCountedAtMost, so one record during which the thread lost its core for a time slice
  // (milliseconds, on a machine with fewer cores than busy threads) cannot close the gate alone: it
  // once did, and the next kResampleBatches batches went to the workers for no slow handler at all.
  // Handlers that are slow every time still close it within a few records.
  void ran(std::chrono::nanoseconds took) {
    average_ += (std::min<std::chrono::nanoseconds>(took, kCountedAtMost) - average_) / 8;
  }

 private:
  std::chrono::nanoseconds average_{0};
  int closed_batches_ = 0;
};

}  // namespace kfn::kafka

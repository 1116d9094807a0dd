// Exponential backoff with bounded jitter.
#include "backoff.h"

#include <algorithm>
#include <cmath>

namespace kfn::kafka {

Backoff::Backoff(kfn::host::RetryPolicy policy, std::uint64_t seed) : policy_(policy), random_(seed) {}

std::chrono::milliseconds Backoff::delay(int failed_attempts) {
  double const cap = static_cast<double>(policy_.max_backoff.count());
  double const exponent = std::max(0, failed_attempts - 1);
  double base = static_cast<double>(policy_.initial_backoff.count()) * std::pow(policy_.multiplier, exponent);
  base = std::min(base, cap);
  double factor = 1.0;
  {
    std::lock_guard lock(mutex_);
    factor = std::uniform_real_distribution<double>(1.0 - kJitter, 1.0 + kJitter)(random_);
  }
  double const jittered = std::clamp(base * factor, 0.0, cap);
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(jittered)));
}

}  // namespace kfn::kafka

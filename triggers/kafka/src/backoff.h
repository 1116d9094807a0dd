// Retry delays: exponential backoff with jitter, capped, as a manifest's RetryPolicy describes.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <random>

#include "kfn/host/manifest.h"

namespace kfn::kafka {

// Thread-safe (one generator behind a mutex: delays are computed once per failure, never hot).
class Backoff {
 public:
  explicit Backoff(kfn::host::RetryPolicy policy, std::uint64_t seed = std::random_device{}());

  // The wait before the attempt after `failed_attempts` failures (1 = after the first failure):
  // initial_backoff * multiplier^(failed_attempts-1), capped at max_backoff, then scaled by a random
  // factor in [1 - kJitter, 1 + kJitter] (never above max_backoff). The jitter keeps many failing keys
  // from retrying in lockstep, and is small enough that successive delays still grow.
  std::chrono::milliseconds delay(int failed_attempts);

  [[nodiscard]] kfn::host::RetryPolicy const& policy() const { return policy_; }

  static constexpr double kJitter = 0.2;

 private:
  kfn::host::RetryPolicy policy_;
  std::mutex mutex_;
  std::mt19937_64 random_;
};

}  // namespace kfn::kafka

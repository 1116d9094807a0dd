// Login throttling (API.md: 5 failed logins per account in 15 minutes, 30 per IP in one minute).
// Failures are counted in Redis in fixed windows that start at the first failure; the decision
// itself is a pure function over the counters, so it is tested without Redis.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "kfn/config.h"
#include "kfn/redis.h"

namespace users {

struct RateLimitPolicy {
  std::int64_t account_max_failures = 5;
  std::int64_t account_window_seconds = std::int64_t{15} * 60;
  std::int64_t ip_max_failures = 30;
  std::int64_t ip_window_seconds = 60;
};

// Defaults overridden by KFN_LOGIN_ACCOUNT_MAX_FAILURES, KFN_LOGIN_ACCOUNT_WINDOW_SECONDS,
// KFN_LOGIN_IP_MAX_FAILURES and KFN_LOGIN_IP_WINDOW_SECONDS.
RateLimitPolicy rate_limit_policy(kfn::Config const& config);

// A failure counter as Redis reports it: ttl_seconds follows TTL (-2 no key, -1 no expiry).
struct FailureCounter {
  std::int64_t failures = 0;
  std::int64_t ttl_seconds = -2;
};

struct RateLimitDecision {
  bool allowed = true;
  std::int64_t retry_after_seconds = 0;  // set when not allowed; at least 1
};

RateLimitDecision decide_login(FailureCounter account, FailureCounter ip, RateLimitPolicy const& policy);

// After an INCR: whether the key still needs its window, either because this failure opened it or
// because an earlier EXPIRE never happened (a crash in between must not lock an account forever).
bool needs_window(std::int64_t failures_after_increment, std::int64_t ttl_seconds);

// The Redis keys of one login attempt. `account` is the normalized identifier the client sent.
struct LoginKeys {
  std::string account;
  std::string ip;  // empty when the peer address is unknown: no per-IP limit then
};
LoginKeys login_keys(std::string_view normalized_identifier, std::string_view remote_address);

// Reads both counters in one round trip and decides. Throws kfn::Unavailable when Redis is down.
RateLimitDecision check_login(kfn::Redis& redis, LoginKeys const& keys, RateLimitPolicy const& policy);

// Counts one failed login against the account and the IP.
void record_login_failure(kfn::Redis& redis, LoginKeys const& keys, RateLimitPolicy const& policy);

}  // namespace users

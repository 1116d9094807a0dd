#include "lib/login_rate_limit.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace users {
namespace {

// Seconds until an exceeded counter frees up; the whole window when Redis lost track of it.
std::int64_t wait_for(FailureCounter counter, std::int64_t window_seconds) {
  return counter.ttl_seconds > 0 ? counter.ttl_seconds : window_seconds;
}

std::int64_t counter_value(kfn::RedisReply const& reply) {
  if (reply.type == kfn::RedisReply::Type::kInteger) return reply.integer;
  if (reply.type != kfn::RedisReply::Type::kString) return 0;
  try {
    return std::stoll(reply.str);
  } catch (std::exception const&) {
    return 0;  // not a counter we wrote: treat as no failures rather than locking anyone out
  }
}

}  // namespace

RateLimitPolicy rate_limit_policy(kfn::Config const& config) {
  RateLimitPolicy policy;
  policy.account_max_failures = config.get_int("KFN_LOGIN_ACCOUNT_MAX_FAILURES", policy.account_max_failures);
  policy.account_window_seconds =
      config.get_int("KFN_LOGIN_ACCOUNT_WINDOW_SECONDS", policy.account_window_seconds);
  policy.ip_max_failures = config.get_int("KFN_LOGIN_IP_MAX_FAILURES", policy.ip_max_failures);
  policy.ip_window_seconds = config.get_int("KFN_LOGIN_IP_WINDOW_SECONDS", policy.ip_window_seconds);
  return policy;
}

RateLimitDecision decide_login(FailureCounter account, FailureCounter ip, RateLimitPolicy const& policy) {
  RateLimitDecision decision;
  if (account.failures >= policy.account_max_failures) {
    decision.allowed = false;
    decision.retry_after_seconds = wait_for(account, policy.account_window_seconds);
  }
  if (ip.failures >= policy.ip_max_failures) {
    decision.allowed = false;
    decision.retry_after_seconds =
        std::max(decision.retry_after_seconds, wait_for(ip, policy.ip_window_seconds));
  }
  if (!decision.allowed)
    decision.retry_after_seconds = std::max<std::int64_t>(decision.retry_after_seconds, 1);
  return decision;
}

bool needs_window(std::int64_t failures_after_increment, std::int64_t ttl_seconds) {
  return failures_after_increment == 1 || ttl_seconds < 0;
}

LoginKeys login_keys(std::string_view normalized_identifier, std::string_view remote_address) {
  LoginKeys keys;
  keys.account = "users:login_failures:account:" + std::string(normalized_identifier);
  if (!remote_address.empty()) keys.ip = "users:login_failures:ip:" + std::string(remote_address);
  return keys;
}

RateLimitDecision check_login(kfn::Redis& redis, LoginKeys const& keys, RateLimitPolicy const& policy) {
  std::vector<std::vector<std::string>> commands{{"GET", keys.account}, {"TTL", keys.account}};
  if (!keys.ip.empty()) commands.insert(commands.end(), {{"GET", keys.ip}, {"TTL", keys.ip}});
  auto const replies = redis.pipeline(commands);
  FailureCounter const account{counter_value(replies.at(0)), replies.at(1).integer};
  FailureCounter ip;
  if (!keys.ip.empty()) ip = {counter_value(replies.at(2)), replies.at(3).integer};
  return decide_login(account, ip, policy);
}

void record_login_failure(kfn::Redis& redis, LoginKeys const& keys, RateLimitPolicy const& policy) {
  std::vector<std::pair<std::string, std::int64_t>> counters{{keys.account, policy.account_window_seconds}};
  if (!keys.ip.empty()) counters.emplace_back(keys.ip, policy.ip_window_seconds);

  std::vector<std::vector<std::string>> increments;
  for (auto const& [key, window] : counters) {
    increments.push_back({"INCR", key});
    increments.push_back({"TTL", key});
  }
  auto const replies = redis.pipeline(increments);

  std::vector<std::vector<std::string>> windows;
  for (std::size_t i = 0; i < counters.size(); ++i) {
    if (needs_window(replies.at(2 * i).integer, replies.at(2 * i + 1).integer)) {
      windows.push_back({"EXPIRE", counters[i].first, std::to_string(counters[i].second)});
    }
  }
  if (!windows.empty()) redis.pipeline(windows);
}

}  // namespace users

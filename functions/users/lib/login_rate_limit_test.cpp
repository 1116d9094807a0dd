#include "lib/login_rate_limit.h"

#include <catch2/catch.hpp>

#include "common/testing/fake_services.h"

namespace {

users::RateLimitPolicy const kPolicy;  // 5 per account in 900 s, 30 per IP in 60 s

}  // namespace

TEST_CASE("decide_login allows up to four account failures and refuses the fifth onwards", "[rate_limit]") {
  CHECK(users::decide_login({4, 100}, {}, kPolicy).allowed);
  auto const refused = users::decide_login({5, 321}, {}, kPolicy);
  CHECK_FALSE(refused.allowed);
  CHECK(refused.retry_after_seconds == 321);
}

TEST_CASE("decide_login allows 29 failures from one IP and refuses the 30th onwards", "[rate_limit]") {
  CHECK(users::decide_login({}, {29, 50}, kPolicy).allowed);
  auto const refused = users::decide_login({}, {30, 42}, kPolicy);
  CHECK_FALSE(refused.allowed);
  CHECK(refused.retry_after_seconds == 42);
}

TEST_CASE("decide_login waits for the later window when both limits are hit", "[rate_limit]") {
  CHECK(users::decide_login({5, 10}, {30, 55}, kPolicy).retry_after_seconds == 55);
  CHECK(users::decide_login({5, 600}, {30, 55}, kPolicy).retry_after_seconds == 600);
}

TEST_CASE("decide_login assumes a whole window when a counter has no expiry", "[rate_limit]") {
  CHECK(users::decide_login({5, -1}, {}, kPolicy).retry_after_seconds == 900);
  CHECK(users::decide_login({}, {30, -1}, kPolicy).retry_after_seconds == 60);
  CHECK(users::decide_login({5, 0}, {}, kPolicy).retry_after_seconds == 900);
}

TEST_CASE("needs_window opens the window on the first failure or repairs a missing one", "[rate_limit]") {
  CHECK(users::needs_window(1, -1));
  CHECK(users::needs_window(3, -1));
  CHECK_FALSE(users::needs_window(3, 400));
}

TEST_CASE("login_keys separate accounts and IPs and skip an unknown IP", "[rate_limit]") {
  auto const keys = users::login_keys("alice", "10.0.0.1");
  CHECK(keys.account == "users:login_failures:account:alice");
  CHECK(keys.ip == "users:login_failures:ip:10.0.0.1");
  CHECK(users::login_keys("alice", "").ip.empty());
}

TEST_CASE("record_login_failure counts both keys and sets each window once", "[rate_limit]") {
  common::testing::FakeRedis redis;
  auto const keys = users::login_keys("alice", "10.0.0.1");
  users::record_login_failure(redis, keys, kPolicy);
  CHECK(redis.keys.at(keys.account).value == "1");
  CHECK(redis.keys.at(keys.account).ttl == 900);
  CHECK(redis.keys.at(keys.ip).ttl == 60);

  redis.keys.at(keys.account).ttl = 500;  // time passed
  users::record_login_failure(redis, keys, kPolicy);
  CHECK(redis.keys.at(keys.account).value == "2");
  CHECK(redis.keys.at(keys.account).ttl == 500);  // the window did not restart
}

TEST_CASE("check_login refuses after five recorded failures and reports the remaining window",
          "[rate_limit]") {
  common::testing::FakeRedis redis;
  auto const keys = users::login_keys("bob", "10.0.0.2");
  for (int i = 0; i < 4; ++i) users::record_login_failure(redis, keys, kPolicy);
  CHECK(users::check_login(redis, keys, kPolicy).allowed);
  users::record_login_failure(redis, keys, kPolicy);
  auto const decision = users::check_login(redis, keys, kPolicy);
  CHECK_FALSE(decision.allowed);
  CHECK(decision.retry_after_seconds == 900);
}

TEST_CASE("rate_limit_policy reads overrides from the configuration", "[rate_limit]") {
  common::testing::FakeConfig config;
  config.values = {{"KFN_LOGIN_IP_MAX_FAILURES", "1000"}, {"KFN_LOGIN_ACCOUNT_WINDOW_SECONDS", "60"}};
  auto const policy = users::rate_limit_policy(config);
  CHECK(policy.ip_max_failures == 1000);
  CHECK(policy.account_window_seconds == 60);
  CHECK(policy.account_max_failures == 5);
}

// A kfn::Context for unit tests of handlers: every service is an in-memory fake the test can script
// and inspect afterwards. The clock is pinned. Test-only.
//   common::testing::FakeContext ctx;
//   ctx.identity = kfn::Identity{7, "jti-1", 1900000000};
//   auto response = handle(request, ctx);
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "common/testing/fake_services.h"
#include "common/testing/scripted_database.h"
#include "kfn/context.h"

namespace common::testing {

class FakeContext : public kfn::Context {
 public:
  ScriptedDatabase database;
  FakeRedis fake_redis;
  FakeEventPublisher publisher;
  FakeTokens fake_tokens;
  FakeConfig fake_config;
  FakeLogger logger;
  FakeMetrics fake_metrics;
  std::optional<kfn::Identity> identity;
  // 2026-11-21T12:00:00Z
  std::chrono::system_clock::time_point clock{std::chrono::seconds(1795262400)};

  kfn::Database& db() override { return database; }
  kfn::Redis& redis() override { return fake_redis; }
  kfn::EventPublisher& events() override { return publisher; }
  kfn::Tokens& tokens() override { return fake_tokens; }
  [[nodiscard]] kfn::Config const& config() const override { return fake_config; }
  kfn::Logger& log() override { return logger; }
  kfn::Metrics& metrics() override { return fake_metrics; }
  [[nodiscard]] kfn::Identity const* caller() const override { return identity ? &*identity : nullptr; }
  [[nodiscard]] std::chrono::steady_clock::time_point deadline() const override {
    return std::chrono::steady_clock::time_point::max();
  }
  [[nodiscard]] std::string_view request_id() const override { return "test-request"; }
  [[nodiscard]] std::string_view traceparent() const override { return {}; }
  [[nodiscard]] std::chrono::system_clock::time_point now() const override { return clock; }
};

}  // namespace common::testing

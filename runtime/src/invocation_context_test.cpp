#include "invocation_context.h"

#include <catch2/catch.hpp>

#include "fake_services.h"

using kfn::host::FunctionRuntime;
using kfn::host::Invocation;
using kfn::host::InvocationContext;

namespace {

// Records the origin each transaction was begun with.
class OriginRecordingDatabase : public kfn::host::SchemaDatabase {
 public:
  kfn::SqlResult execute(std::string_view, kfn::SqlParams const&) override { return {}; }
  std::unique_ptr<kfn::Transaction> begin(kfn::host::EventOrigin const& origin) override {
    origin_ = std::string(origin.function_name) + "|" + std::string(origin.traceparent);
    return nullptr;
  }
  std::string origin_;
};

class SilentLogger : public kfn::Logger {
 public:
  void log(kfn::LogLevel, std::string_view, nlohmann::json const&) override {}
};

std::string const kTraceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

class RecordingLogger : public kfn::Logger {
 public:
  void log(kfn::LogLevel, std::string_view, nlohmann::json const& fields) override { last_fields = fields; }
  nlohmann::json last_fields;
};

struct Fixture {
  kfn::host::testing::FakeServices services;
  kfn::host::MetricsRegistry metrics;
  OriginRecordingDatabase database;
  Invocation invocation{nullptr, {}, "req-3", kTraceparent};
};

class NoTokens : public kfn::Tokens {
 public:
  kfn::AccessToken issue(std::int64_t) override { return {}; }
  void revoke(std::string const&, std::int64_t) override {}
};

}  // namespace

TEST_CASE("db().begin() and events() carry the function name and the invocation's traceparent", "[context]") {
  Fixture f;
  NoTokens tokens;
  FunctionRuntime runtime("users-login", {}, std::make_shared<SilentLogger>(), f.metrics, &f.database,
                          f.services, tokens);
  InvocationContext context(runtime, f.invocation);
  context.db().begin();
  CHECK(f.database.origin_ == "users-login|" + kTraceparent);
  context.events().publish(kfn::DomainEvent{"user.events", "7", "UserRegistered", {}});
  auto const published = f.services.recorded_publisher().published();
  REQUIRE(published.size() == 1);
  CHECK(published[0].first.type == "UserRegistered");
  CHECK(published[0].second == "users-login|" + kTraceparent);
}

TEST_CASE("db() throws logic_error when the manifest names no context", "[context]") {
  Fixture f;
  NoTokens tokens;
  FunctionRuntime runtime("no-db", {}, std::make_shared<SilentLogger>(), f.metrics, nullptr, f.services,
                          tokens);
  InvocationContext context(runtime, f.invocation);
  CHECK_THROWS_AS(context.db(), std::logic_error);
}

TEST_CASE("the context reports the invocation's ids and the function's config", "[context]") {
  Fixture f;
  NoTokens tokens;
  FunctionRuntime runtime("f", {{"KEY", "value"}}, std::make_shared<SilentLogger>(), f.metrics, nullptr,
                          f.services, tokens);
  kfn::Identity const caller{5, "j", 0};
  Invocation const invocation{&caller, {}, "req-4", kTraceparent};
  InvocationContext context(runtime, invocation);
  CHECK(context.caller()->user_id == 5);
  CHECK(context.request_id() == "req-4");
  CHECK(context.traceparent() == kTraceparent);
  CHECK(context.config().get("KEY") == "value");
  CHECK(&context.tokens() == &tokens);
}

TEST_CASE("trace_id_of extracts the trace id of a W3C traceparent only", "[context]") {
  CHECK(kfn::host::trace_id_of(kTraceparent) == "4bf92f3577b34da6a3ce929d0e0e4736");
  CHECK(kfn::host::trace_id_of("").empty());
  CHECK(kfn::host::trace_id_of("00-XYZ").empty());
}

TEST_CASE("the function's log lines get the request id and trace id", "[context]") {
  Fixture f;
  NoTokens tokens;
  auto const log = std::make_shared<RecordingLogger>();
  FunctionRuntime runtime("f", {}, log, f.metrics, nullptr, f.services, tokens);
  InvocationContext context(runtime, f.invocation);
  context.log().info("hello", {{"n", 1}});
  CHECK(log->last_fields ==
        nlohmann::json{{"n", 1}, {"request_id", "req-3"}, {"trace_id", "4bf92f3577b34da6a3ce929d0e0e4736"}});
}

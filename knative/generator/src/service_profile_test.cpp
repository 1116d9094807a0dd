#include "service_profile.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

namespace kfn::knative {
namespace {

using namespace std::chrono_literals;

kfn::host::FunctionManifest http_function() {
  kfn::host::FunctionManifest fn;
  fn.name = "users-get";
  fn.http = kfn::host::HttpRoute{};
  fn.http->timeout = 10s;
  return fn;
}

TEST_CASE("HTTP functions scale to zero with a timeout just over the route's") {
  auto profile = profile_for(http_function(), TriggerKind::kHttp, 600);
  CHECK(profile.min_scale == 0);
  CHECK(profile.timeout_seconds == 11);
  CHECK_FALSE(profile.idle_timeout_seconds);
}

TEST_CASE("the SSE edge keeps an instance and outlasts its heartbeats") {
  auto fn = http_function();
  fn.http.reset();
  auto profile = profile_for(fn, TriggerKind::kSse, 600);
  CHECK(profile.min_scale >= 1);
  CHECK(profile.max_scale >= profile.min_scale);
  CHECK(profile.timeout_seconds == 600);
  REQUIRE(profile.idle_timeout_seconds);
  CHECK(*profile.idle_timeout_seconds > kSseHeartbeatSeconds);
  REQUIRE(profile.response_start_timeout_seconds);
  CHECK(*profile.response_start_timeout_seconds <= profile.timeout_seconds);
}

TEST_CASE("a timeout beyond the platform's maximum is an error naming the flag") {
  auto fn = http_function();
  fn.http->timeout = 20min;
  CHECK_THROWS_WITH(profile_for(fn, TriggerKind::kHttp, 600), Catch::Contains("--max-timeout"));
}

TEST_CASE("a trigger kind the parser does not know yet is read from the manifest file") {
  auto dir = std::filesystem::temp_directory_path() / ("kfn-profile-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  kfn::host::FunctionManifest fn;
  fn.name = "sse-edge";
  fn.file = (dir / "sse-edge.yaml").string();
  std::ofstream(fn.file) << "name: sse-edge\ntrigger:\n  sse:\n    path: /events/stream\n";
  CHECK(trigger_kind(fn) == TriggerKind::kSse);
  CHECK(sse_path(fn) == "/events/stream");
  std::ofstream(fn.file) << "name: sse-edge\ntrigger:\n  grpc: {}\n";
  CHECK_THROWS_WITH(trigger_kind(fn), Catch::Contains("not 'grpc'"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kfn::knative

#include "env_settings.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>

using kfn::sse::env_bytes;
using kfn::sse::env_milliseconds;
using kfn::sse::positive_setting;
using namespace std::chrono_literals;

namespace {

std::string refusal(std::string_view text) {
  try {
    positive_setting("KFN_SSE_HEARTBEAT_MS", text);
  } catch (std::invalid_argument const& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("an edge setting is a positive whole number") {
  CHECK(positive_setting("X", "1") == 1);
  CHECK(positive_setting("X", "15000") == 15000);
  for (auto const* bad : {"", "abc", "15s", " 15", "1.5", "0", "-1", "99999999999999999999"}) {
    INFO(bad);
    auto const error = refusal(bad);
    CHECK(error.find("KFN_SSE_HEARTBEAT_MS must be a positive whole number") != std::string::npos);
    CHECK(error.find(std::string("'") + bad + "'") != std::string::npos);
  }
}

TEST_CASE("an edge setting comes from the environment when set, else the fallback") {
  ::unsetenv("KFN_SSE_TEST_SETTING");
  CHECK(env_milliseconds("KFN_SSE_TEST_SETTING", 30s) == 30s);
  CHECK(env_bytes("KFN_SSE_TEST_SETTING", 1024) == 1024);
  ::setenv("KFN_SSE_TEST_SETTING", "", 1);
  CHECK(env_milliseconds("KFN_SSE_TEST_SETTING", 30s) == 30s);
  ::setenv("KFN_SSE_TEST_SETTING", "250", 1);
  CHECK(env_milliseconds("KFN_SSE_TEST_SETTING", 30s) == 250ms);
  CHECK(env_bytes("KFN_SSE_TEST_SETTING", 1024) == 250);
  ::setenv("KFN_SSE_TEST_SETTING", "-1", 1);
  CHECK_THROWS_AS(env_bytes("KFN_SSE_TEST_SETTING", 1024), std::invalid_argument);
  ::unsetenv("KFN_SSE_TEST_SETTING");
}

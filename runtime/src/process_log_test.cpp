#include "kfn/host/process_log.h"

#include <catch2/catch.hpp>

#include "stderr_capture.h"

namespace {
std::vector<nlohmann::json> log_lines(std::function<void()> const& write) {
  std::vector<std::string> lines;
  {
    kfn::host::testing::StderrCapture const capture;
    write();
    lines = capture.lines();
  }
  std::vector<nlohmann::json> parsed;
  for (auto const& line : lines) parsed.push_back(nlohmann::json::parse(line));
  return parsed;
}
}  // namespace

TEST_CASE("the process logger writes one JSON line with ts, level, msg and fields", "[log]") {
  auto const lines = log_lines([] { kfn::host::make_process_logger()->info("started", {{"port", 8080}}); });
  REQUIRE(lines.size() == 1);
  CHECK(lines[0]["level"] == "info");
  CHECK(lines[0]["msg"] == "started");
  CHECK(lines[0]["port"] == 8080);
  CHECK(lines[0]["ts"].get<std::string>().size() == 24);
}

TEST_CASE("lines below the minimum level are dropped", "[log]") {
  auto const lines = log_lines([] {
    auto const log = kfn::host::make_process_logger(kfn::LogLevel::kWarn);
    log->info("quiet");
    log->error("loud");
  });
  REQUIRE(lines.size() == 1);
  CHECK(lines[0]["msg"] == "loud");
}

TEST_CASE("with_fields adds its fields to every line", "[log]") {
  auto const lines = log_lines([] {
    auto const log = kfn::host::with_fields(kfn::host::make_process_logger(), {{"function", "users-login"}});
    log->warn("slow", {{"ms", 12}});
  });
  REQUIRE(lines.size() == 1);
  CHECK(lines[0]["function"] == "users-login");
  CHECK(lines[0]["ms"] == 12);
  CHECK(lines[0]["level"] == "warn");
}

TEST_CASE("fields named like secrets are redacted at any depth", "[log]") {
  auto const lines = log_lines([] {
    kfn::host::make_process_logger()->info(
        "login", {{"password", "hunter2"},
                  {"Refresh_Token", "rt"},
                  {"request", {{"Authorization", "Bearer abc"}, {"sse_ticket", "t"}, {"user", "al"}}},
                  {"client_secret", "x"}});
  });
  REQUIRE(lines.size() == 1);
  auto const& line = lines[0];
  CHECK(line["password"] == "[redacted]");
  CHECK(line["Refresh_Token"] == "[redacted]");
  CHECK(line["client_secret"] == "[redacted]");
  CHECK(line["request"]["Authorization"] == "[redacted]");
  CHECK(line["request"]["sse_ticket"] == "[redacted]");
  CHECK(line["request"]["user"] == "al");
  CHECK(line.dump().find("hunter2") == std::string::npos);
}

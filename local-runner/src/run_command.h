// `kfn run`: every function of the manifests in one process, with Kafka, MySQL and Redis either
// given (KAFKA_BROKERS, MYSQL_URL, REDIS_URL) or brought along (embedded mock Kafka, local servers).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace kfn::runner {

struct RunOptions {
  std::filesystem::path manifests = "manifests";
  std::filesystem::path library_dir;  // where lib<function>.so live
  std::filesystem::path state_dir = ".kfn";
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: any free port (printed on start)
  std::string only_function;  // empty: all
  std::string schema_prefix;  // prepended to every context's schema (test isolation)
};

// Runs until SIGINT or SIGTERM, then drains and stops. Returns the process exit code.
int run(RunOptions const& options);

}  // namespace kfn::runner

// The kfn runner as a child process, for integration tests: started on port 0 against the test
// MariaDB and Redis (KFN_TEST_MYSQL_URL, KFN_TEST_REDIS_URL) with its own schema prefix and embedded
// mock Kafka, stopped with SIGTERM.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "http_client.h"

namespace kfn::test {

// What to run, when a test brings its own manifests and function libraries. (Not an aggregate, so a
// braced map still picks the extra-environment constructor.)
struct RunnerOptions {
  RunnerOptions() = default;
  std::string manifests_dir;                // empty: the repository's manifests
  std::string library_dir;                  // empty: the built chat functions
  std::string schema_prefix;                // empty: a fresh one; share it to share the schemas
  std::map<std::string, std::string> env;  // extra environment; KAFKA_BROKERS selects an outside Kafka
};

class RunnerProcess {
 public:
  // Extra environment for the runner (e.g. KFN_ARGON2_MEMORY_KIB). Blocks until it listens; throws
  // with the runner's stderr if it exits first.
  explicit RunnerProcess(std::map<std::string, std::string> extra_env = {});
  explicit RunnerProcess(RunnerOptions options);
  ~RunnerProcess();
  RunnerProcess(RunnerProcess const&) = delete;
  RunnerProcess& operator=(RunnerProcess const&) = delete;

  [[nodiscard]] std::uint16_t port() const { return port_; }
  [[nodiscard]] std::string const& kafka_bootstrap() const { return kafka_bootstrap_; }
  [[nodiscard]] std::string const& schema_prefix() const { return schema_prefix_; }
  // A new keep-alive client of this runner.
  [[nodiscard]] std::unique_ptr<kfn::runner::HttpClient> client() const;
  // SIGTERM and wait; returns the exit status (as from waitpid's WEXITSTATUS, -1 if killed).
  int stop();
  // SIGKILL and wait: a crash, nothing drained or committed.
  void kill();
  // What the runner wrote to stderr so far (its JSON log).
  [[nodiscard]] std::string log() const;

 private:
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  std::string kafka_bootstrap_;
  std::string schema_prefix_;
  std::string state_dir_;
};

// One runner shared by every test case of a test binary, started on first use.
RunnerProcess& shared_runner();

}  // namespace kfn::test

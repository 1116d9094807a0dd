// `kfn serve` as Knative starts it, for tests: a clean environment holding only what a Knative
// Service's container gets (PORT, KFN_FUNCTION, the service URLs, the image's KFN_* paths), on
// loopback and port 0. Stopped with SIGTERM, as the kubelet does.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "http_client.h"

namespace kfn::test {

class KnativeProcess {
 public:
  // Blocks until it listens; throws with its log if it exits first. `env` is the whole environment
  // besides PATH, PORT=0 and KFN_ADDRESS=127.0.0.1.
  explicit KnativeProcess(std::map<std::string, std::string> env);
  ~KnativeProcess();
  KnativeProcess(KnativeProcess const&) = delete;
  KnativeProcess& operator=(KnativeProcess const&) = delete;

  [[nodiscard]] std::uint16_t port() const { return port_; }
  [[nodiscard]] std::unique_ptr<kfn::runner::HttpClient> client() const;
  // Sends SIGTERM without waiting (a drain test keeps a request in flight meanwhile).
  void terminate();
  // Waits for the exit; returns the exit status (-1 when killed by a signal).
  int wait();
  int wait_after_terminate() {
    terminate();
    return wait();
  }
  [[nodiscard]] std::string log() const;

 private:
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  std::string log_path_;
};

// The environment of a Knative Service for `function` of the repository's manifests and chat
// functions, against the test MariaDB and Redis and the given Kafka.
std::map<std::string, std::string> knative_env(std::string const& function, std::string const& kafka_brokers,
                                               std::string const& schema_prefix);

}  // namespace kfn::test

// A child process the runner owns (MariaDB, redis-server): started with its output in a log file,
// stopped with SIGTERM (then SIGKILL after a grace period) when the owner goes away.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace kfn::runner {

// Not thread-safe; owned by one thread. Moving transfers ownership of the child.
class ChildProcess {
 public:
  // Starts `argv[0]` (an absolute path) with stdout and stderr appended to `log_file`. The child gets
  // SIGTERM if this process dies, so a kill -9 of the runner leaves no servers behind.
  ChildProcess(std::vector<std::string> argv, std::filesystem::path const& log_file);
  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&&) = delete;
  ChildProcess(ChildProcess const&) = delete;
  ~ChildProcess();

  [[nodiscard]] bool running();
  [[nodiscard]] pid_t pid() const { return pid_; }
  void stop(std::chrono::milliseconds grace = std::chrono::milliseconds(10'000));

 private:
  pid_t pid_ = -1;
  std::string name_;
};

// The absolute path of `program`, searched in PATH and then /usr/sbin and /usr/local/sbin (where
// Debian puts mariadbd); empty when not found.
std::filesystem::path find_program(std::string const& program);

// A TCP port on 127.0.0.1 that was free a moment ago.
int free_loopback_port();

}  // namespace kfn::runner

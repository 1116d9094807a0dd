// Starting and stopping the real kfn binary for integration tests.
#include "runner_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <vector>

namespace kfn::test {
namespace {

std::string required_env(char const* name) {
  char const* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    throw std::runtime_error(std::string(name) + " is not set: run the tests with 'bash dev.sh test'");
  }
  return value;
}

std::string random_suffix() {
  std::random_device rd;
  return std::to_string(getpid()) + "_" + std::to_string(rd() % 100000);
}

[[noreturn]] void exec_runner(int stdout_fd, std::string const& stderr_path, std::string const& state_dir,
                              std::string const& prefix, RunnerOptions const& options) {
  auto const& env = options.env;
  std::string const manifests = options.manifests_dir.empty() ? KFN_MANIFESTS_DIR : options.manifests_dir;
  std::string const library_dir = options.library_dir.empty() ? KFN_FUNCTION_DIR : options.library_dir;
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  dup2(stdout_fd, STDOUT_FILENO);
  int err = open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (err >= 0) dup2(err, STDERR_FILENO);
  setenv("MYSQL_URL", required_env("KFN_TEST_MYSQL_URL").c_str(), 1);
  setenv("REDIS_URL", required_env("KFN_TEST_REDIS_URL").c_str(), 1);
  unsetenv("KAFKA_BROKERS");
  for (auto const& [key, value] : env) setenv(key.c_str(), value.c_str(), 1);
  std::vector<std::string> argv{KFN_BINARY,      "run",        "--port",           "0",
                                "--manifests",   manifests,    "--lib-dir",        library_dir,
                                "--state-dir",   state_dir,    "--schema-prefix", prefix};
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  execv(args[0], args.data());
  _exit(127);
}

}  // namespace

RunnerProcess::RunnerProcess(std::map<std::string, std::string> extra_env)
    : RunnerProcess([&] {
        RunnerOptions options;
        options.env = std::move(extra_env);
        return options;
      }()) {}

RunnerProcess::RunnerProcess(RunnerOptions options) {
  auto& extra_env = options.env;
  auto suffix = random_suffix();
  schema_prefix_ = options.schema_prefix.empty() ? "t" + suffix + "_" : options.schema_prefix;
  state_dir_ = (std::filesystem::temp_directory_path() / ("kfn-test-" + suffix)).string();
  std::filesystem::create_directories(state_dir_);
  // Integration tests need not pay for production-strength hashing on every login.
  extra_env.try_emplace("KFN_ARGON2_MEMORY_KIB", "1024");
  extra_env.try_emplace("KFN_JWT_SECRET", "integration-test-secret-0123456789abcdef");
  // Every test client is 127.0.0.1: the per-IP login limit gets its own test with its own runner.
  extra_env.try_emplace("KFN_LOGIN_IP_MAX_FAILURES", "100000");
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ == 0) exec_runner(pipe_fds[1], state_dir_ + "/stderr.log", state_dir_, schema_prefix_, options);
  close(pipe_fds[1]);

  std::string pending;
  auto const give_up = std::chrono::steady_clock::now() + std::chrono::seconds(90);
  while (port_ == 0) {
    pollfd pfd{pipe_fds[0], POLLIN, 0};
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(give_up - std::chrono::steady_clock::now());
    char buf[512];
    ssize_t n = left.count() > 0 && poll(&pfd, 1, static_cast<int>(left.count())) > 0
                    ? read(pipe_fds[0], buf, sizeof buf)
                    : -1;
    if (n <= 0) {
      close(pipe_fds[0]);
      int status = stop();
      throw std::runtime_error("kfn run did not start (" + std::string(n == 0 ? "it exited" : "timed out") +
                               ", exit status " + std::to_string(status) + "); its log:\n" + log());
    }
    pending.append(buf, static_cast<std::size_t>(n));
    for (auto nl = pending.find('\n'); nl != std::string::npos; nl = pending.find('\n')) {
      auto line = pending.substr(0, nl);
      pending.erase(0, nl + 1);
      if (line.rfind("kafka bootstrap ", 0) == 0) kafka_bootstrap_ = line.substr(16);
      if (line.rfind("listening on http://", 0) == 0) port_ = static_cast<std::uint16_t>(std::stoi(line.substr(line.rfind(':') + 1)));
    }
  }
  close(pipe_fds[0]);
}

RunnerProcess::~RunnerProcess() { stop(); }

std::unique_ptr<kfn::runner::HttpClient> RunnerProcess::client() const {
  return std::make_unique<kfn::runner::HttpClient>("127.0.0.1", port_);
}

int RunnerProcess::stop() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void RunnerProcess::kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

std::string RunnerProcess::log() const {
  std::ifstream in(state_dir_ + "/stderr.log");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

RunnerProcess& shared_runner() {
  static RunnerProcess runner;
  return runner;
}

}  // namespace kfn::test

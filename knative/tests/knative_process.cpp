// Starting `kfn serve` with a Knative-like environment for integration tests.
#include "knative_process.h"

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
  if (value == nullptr || *value == '\0')
    throw std::runtime_error(std::string(name) + " is not set: run 'bash dev.sh test'");
  return value;
}

[[noreturn]] void exec_serve(int stdout_fd, std::string const& log_path,
                             std::map<std::string, std::string> const& env) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  dup2(stdout_fd, STDOUT_FILENO);
  int err = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (err >= 0) dup2(err, STDERR_FILENO);
  std::vector<std::string> entries{"PATH=/usr/bin:/bin", "PORT=0", "KFN_ADDRESS=127.0.0.1"};
  for (auto const& [key, value] : env) entries.push_back(key + "=" + value);
  std::vector<char*> envp;
  for (auto& entry : entries) envp.push_back(entry.data());
  envp.push_back(nullptr);
  std::string binary = KFN_BINARY;
  std::string command = "serve";
  char* argv[] = {binary.data(), command.data(), nullptr};
  execve(argv[0], argv, envp.data());
  _exit(127);
}

}  // namespace

KnativeProcess::KnativeProcess(std::map<std::string, std::string> env) {
  std::random_device random;
  log_path_ = (std::filesystem::temp_directory_path() / ("kfn-knative-" + std::to_string(getpid()) + "-" +
                                                         std::to_string(random() % 1000000) + ".log"))
                  .string();
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ == 0) exec_serve(pipe_fds[1], log_path_, env);
  close(pipe_fds[1]);
  std::string pending;
  auto const give_up = std::chrono::steady_clock::now() + std::chrono::seconds(90);
  while (port_ == 0) {
    pollfd pfd{pipe_fds[0], POLLIN, 0};
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(give_up - std::chrono::steady_clock::now());
    char buf[256];
    ssize_t n = left.count() > 0 && poll(&pfd, 1, static_cast<int>(left.count())) > 0
                    ? read(pipe_fds[0], buf, sizeof buf)
                    : -1;
    if (n <= 0) {
      close(pipe_fds[0]);
      terminate();
      int status = wait();
      throw std::runtime_error("kfn serve did not start (exit status " + std::to_string(status) +
                               "); its log:\n" + log());
    }
    pending.append(buf, static_cast<std::size_t>(n));
    for (auto nl = pending.find('\n'); nl != std::string::npos; nl = pending.find('\n')) {
      auto line = pending.substr(0, nl);
      pending.erase(0, nl + 1);
      if (line.rfind("listening on http://", 0) == 0) {
        port_ = static_cast<std::uint16_t>(std::stoi(line.substr(line.rfind(':') + 1)));
      }
    }
  }
  close(pipe_fds[0]);
}

KnativeProcess::~KnativeProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  std::error_code ignored;
  std::filesystem::remove(log_path_, ignored);
}

std::unique_ptr<kfn::runner::HttpClient> KnativeProcess::client() const {
  return std::make_unique<kfn::runner::HttpClient>("127.0.0.1", port_);
}

void KnativeProcess::terminate() {
  if (pid_ > 0) ::kill(pid_, SIGTERM);
}

int KnativeProcess::wait() {
  if (pid_ <= 0) return -1;
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string KnativeProcess::log() const {
  std::ifstream in(log_path_);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::map<std::string, std::string> knative_env(std::string const& function, std::string const& kafka_brokers,
                                               std::string const& schema_prefix) {
  return {{"KFN_FUNCTION", function},
          {"KFN_MANIFESTS", KFN_MANIFESTS_DIR},
          {"KFN_LIB_DIR", KFN_FUNCTION_DIR},
          {"KFN_SCHEMA_PREFIX", schema_prefix},
          {"MYSQL_URL", required_env("KFN_TEST_MYSQL_URL")},
          {"REDIS_URL", required_env("KFN_TEST_REDIS_URL")},
          {"KAFKA_BROKERS", kafka_brokers},
          {"KFN_JWT_SECRET", "knative-test-secret-0123456789abcdef0123"}};
}

}  // namespace kfn::test

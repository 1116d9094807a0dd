// Cold start in Knative mode: from exec of `kfn serve` to the first 200 answer, over many runs, for
// a function route and for /health/readiness (what Knative waits for before routing traffic).
// The probe connects in a tight loop as an aggressive readiness prober would; each run is a fresh
// process on a fresh port. Kafka is a mock cluster in this process, Redis the test server.
//   knative_cold_start KFN_BINARY MANIFESTS_DIR LIB_DIR [RUNS]   (REDIS_URL or KFN_TEST_REDIS_URL)
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "kfn/host/mock_kafka.h"

namespace {

using Clock = std::chrono::steady_clock;

std::uint16_t free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

// One GET on a fresh connection; the status, or 0 when nothing answers yet.
int get_status(std::uint16_t port, std::string const& path) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int status = 0;
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    std::string request = "GET " + path + " HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n";
    if (write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size())) {
      char buffer[64] = {};
      if (read(fd, buffer, sizeof buffer - 1) > 12) status = std::atoi(buffer + 9);  // "HTTP/1.1 200"
    }
  }
  close(fd);
  return status;
}

double one_run(char const* kfn, std::vector<std::string> env_entries, std::string const& path) {
  auto const port = free_port();
  env_entries.push_back("PORT=" + std::to_string(port));
  std::vector<char*> envp;
  for (auto& entry : env_entries) envp.push_back(entry.data());
  envp.push_back(nullptr);
  auto const start = Clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    int null_fd = open("/dev/null", O_WRONLY);
    dup2(null_fd, STDOUT_FILENO);
    dup2(null_fd, STDERR_FILENO);
    char serve[] = "serve";
    char* argv[] = {const_cast<char*>(kfn), serve, nullptr};
    execve(kfn, argv, envp.data());
    _exit(127);
  }
  auto const give_up = start + std::chrono::seconds(10);
  double elapsed_ms = -1;
  while (Clock::now() < give_up) {
    if (get_status(port, path) == 200) {
      elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
      break;
    }
    usleep(200);  // polling an outside process, as a prober does; not test synchronisation
  }
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);
  return elapsed_ms;
}

void report(std::string const& what, std::vector<double> times) {
  std::sort(times.begin(), times.end());
  auto at = [&](double q) {
    return times[static_cast<std::size_t>(q * static_cast<double>(times.size() - 1))];
  };
  std::printf("%-28s runs %3zu  median %6.1f ms  p90 %6.1f ms  min %6.1f ms  max %6.1f ms\n", what.c_str(),
              times.size(), at(0.5), at(0.9), times.front(), times.back());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s KFN_BINARY MANIFESTS_DIR LIB_DIR [RUNS]\n", argv[0]);
    return 2;
  }
  char const* redis = std::getenv("REDIS_URL");
  if (redis == nullptr) redis = std::getenv("KFN_TEST_REDIS_URL");
  if (redis == nullptr) {
    std::fprintf(stderr, "set REDIS_URL (or KFN_TEST_REDIS_URL)\n");
    return 2;
  }
  int const runs = argc > 4 ? std::atoi(argv[4]) : 50;
  kfn::host::MockKafka kafka;
  std::vector<std::string> env{"PATH=/usr/bin:/bin",
                               "KFN_ADDRESS=127.0.0.1",
                               "KFN_FUNCTION=bench-noop",
                               std::string("KFN_MANIFESTS=") + argv[2],
                               std::string("KFN_LIB_DIR=") + argv[3],
                               std::string("REDIS_URL=") + redis,
                               "KAFKA_BROKERS=" + kafka.bootstrap(),
                               "KFN_JWT_SECRET=cold-start-bench-secret-0123456789abcdef"};
  std::vector<double> function_times;
  std::vector<double> readiness_times;
  for (int i = 0; i < runs; ++i) {
    for (auto [path, times] :
         {std::pair{"/noop", &function_times}, std::pair{"/health/readiness", &readiness_times}}) {
      double ms = one_run(argv[1], env, path);
      if (ms < 0) {
        std::fprintf(stderr, "run %d: no 200 from %s within 10 s\n", i, path);
        return 1;
      }
      times->push_back(ms);
    }
  }
  std::printf("Knative cold start (exec -> first 200), %d runs each, %ld cores\n", runs,
              sysconf(_SC_NPROCESSORS_ONLN));
  report("GET /noop (function)", function_times);
  report("GET /health/readiness", readiness_times);
  return 0;
}

// The streams of the fan-out benchmark (tests/bench/sse_fanout_bench.sh): one GET /events per line of
// USERS_FILE ("user_id token room_id", sse_fanout_setup.py's output), spread over loopback source
// addresses, read on one epoll thread until stdin closes. Frames whose data holds "n:<i>
// sent_at_ns:<ns>" (sse_fanout_send's messages) count: prints "open <answered>" once every stream
// has its response head, then on EOF "events <n> distinct <pairs> p50_ms .. p99_ms .. max_ms .." and
// the same quantiles for each second of sending ("second <k> frames <n> p50_ms .. p99_ms .. max_ms ..").
// Distinct (user, message) pairs let the bench count lost frames. In C++ rather than Python so the
// client takes little of the two cores the runner, MariaDB and Redis share with it.
//
//   sse_fanout_streams PORT USERS_FILE < control-fifo
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

struct Stream {
  int fd = -1;
  std::int64_t user = 0;
  bool head_seen = false;
  bool accepted = false;  // answered 200
  std::string pending;    // bytes after the last newline: a line the next read completes
};

std::int64_t realtime_ns() {
  timespec now{};
  clock_gettime(CLOCK_REALTIME, &now);
  return static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

[[noreturn]] void die(std::string const& what) {
  std::perror(what.c_str());
  std::exit(1);
}

// The digits right after `tag` (and an optional closing quote and ':'), as in sse_load.py's patterns.
std::optional<std::int64_t> number_after(std::string_view line, std::string_view tag, bool word_start) {
  for (std::size_t at = line.find(tag); at != std::string_view::npos; at = line.find(tag, at + 1)) {
    if (word_start && at > 0) {
      char const before = line[at - 1];
      if (std::isalnum(static_cast<unsigned char>(before)) || before == '_') continue;
    }
    std::size_t i = at + tag.size();
    if (i < line.size() && line[i] == '"') ++i;
    if (i >= line.size() || line[i] != ':') continue;
    ++i;
    std::int64_t value = 0;
    std::size_t const digits_from = i;
    while (i < line.size() && line[i] >= '0' && line[i] <= '9') value = value * 10 + (line[i++] - '0');
    if (i > digits_from) return value;
  }
  return std::nullopt;
}

int open_stream(std::uint16_t port, std::string const& source, std::string const& token) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) die("socket");
  sockaddr_in local{};
  local.sin_family = AF_INET;
  inet_pton(AF_INET, source.c_str(), &local.sin_addr);
  if (bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) die("bind " + source);
  sockaddr_in server{};
  server.sin_family = AF_INET;
  server.sin_port = htons(port);
  inet_pton(AF_INET, "127.0.0.1", &server.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&server), sizeof server) != 0) die("connect");
  std::string const request =
      "GET /events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\n\r\n";
  if (send(fd, request.data(), request.size(), 0) != static_cast<ssize_t>(request.size())) die("send");
  return fd;
}

struct Measurements {
  std::vector<double> latencies_ms;
  std::vector<std::pair<std::int64_t, double>> by_send_time;  // (sent_at_ns, latency ms)
  std::set<std::pair<std::int64_t, std::int64_t>> delivered;  // (user, message number): duplicates once
};

void take_lines(Stream& stream, std::string_view chunk, std::int64_t now_ns, Measurements& out) {
  stream.pending.append(chunk);
  std::string_view rest(stream.pending);
  for (auto newline = rest.find('\n'); newline != std::string_view::npos; newline = rest.find('\n')) {
    auto const line = rest.substr(0, newline);
    rest.remove_prefix(newline + 1);
    if (!line.starts_with("data: ") || line.find("warmup:") != std::string_view::npos) continue;
    auto const sent = number_after(line, "sent_at_ns", false);
    if (!sent) continue;
    out.latencies_ms.push_back(static_cast<double>(now_ns - *sent) / 1e6);
    out.by_send_time.emplace_back(*sent, out.latencies_ms.back());
    if (auto const number = number_after(line, "n", true)) out.delivered.insert({stream.user, *number});
  }
  stream.pending.erase(0, stream.pending.size() - rest.size());
}

// One line per second of sending: whether the tail is a start-up cost, a stall or a queue that grows.
void print_by_second(std::vector<std::pair<std::int64_t, double>>& samples) {
  if (samples.empty()) return;
  std::sort(samples.begin(), samples.end());
  auto const start = samples.front().first;
  std::vector<double> second;
  auto flush = [&second](std::int64_t index) {
    if (second.empty()) return;
    std::sort(second.begin(), second.end());
    std::printf("second %lld frames %zu p50_ms %.1f p99_ms %.1f max_ms %.1f\n", static_cast<long long>(index),
                second.size(), second[second.size() / 2], second[second.size() * 99 / 100], second.back());
    second.clear();
  };
  std::int64_t current = 0;
  for (auto const& [sent_ns, latency_ms] : samples) {
    auto const index = (sent_ns - start) / 1'000'000'000;
    if (index != current) flush(current);
    current = index;
    second.push_back(latency_ms);
  }
  flush(current);
}

// Reads what `stream` has; false once the server closed it.
bool read_stream(Stream& stream, std::vector<char>& buffer, bool measuring, Measurements& out) {
  for (;;) {
    ssize_t const got = recv(stream.fd, buffer.data(), buffer.size(), MSG_DONTWAIT);
    if (got == 0) return false;
    if (got < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
    std::string_view chunk(buffer.data(), static_cast<std::size_t>(got));
    if (!stream.head_seen) {
      stream.pending.append(chunk);
      auto const end = stream.pending.find("\r\n\r\n");
      if (end == std::string::npos) continue;
      stream.head_seen = true;
      stream.accepted = stream.pending.starts_with("HTTP/1.1 200");
      std::string body = stream.pending.substr(end + 4);
      stream.pending.clear();
      if (measuring) take_lines(stream, body, realtime_ns(), out);
      continue;
    }
    if (measuring) take_lines(stream, chunk, realtime_ns(), out);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s PORT USERS_FILE\n", argv[0]);
    return 2;
  }
  auto const port = static_cast<std::uint16_t>(std::atoi(argv[1]));
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);

  std::vector<Stream> streams;
  std::ifstream users(argv[2]);
  for (std::string line; std::getline(users, line);) {
    std::istringstream fields(line);
    std::int64_t user = 0;
    std::string token;
    if (!(fields >> user >> token)) continue;
    std::string const source = "127.0.0." + std::to_string(1 + streams.size() % 8);
    streams.push_back({open_stream(port, source, token), user, false, false, {}});
  }

  int const epoll = epoll_create1(0);
  if (epoll < 0) die("epoll_create1");
  for (std::size_t i = 0; i < streams.size(); ++i) {
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u64 = i;
    if (epoll_ctl(epoll, EPOLL_CTL_ADD, streams[i].fd, &event) != 0) die("epoll_ctl");
  }
  std::vector<char> buffer(std::size_t{256} * 1024);
  std::vector<epoll_event> ready(1024);
  Measurements measured;

  // Every response head first (the edge answers 200 and keeps the stream open).
  auto heads = [&] {
    return std::count_if(streams.begin(), streams.end(), [](auto& s) { return s.head_seen; });
  };
  time_t const give_up = time(nullptr) + 120;
  while (heads() < static_cast<long>(streams.size()) && time(nullptr) < give_up) {
    int const n = epoll_wait(epoll, ready.data(), static_cast<int>(ready.size()), 1000);
    for (int i = 0; i < n; ++i) {
      auto& stream = streams[ready[i].data.u64];
      if (!read_stream(stream, buffer, false, measured)) epoll_ctl(epoll, EPOLL_CTL_DEL, stream.fd, nullptr);
    }
  }
  std::printf("open %ld\n",
              std::count_if(streams.begin(), streams.end(), [](auto& s) { return s.accepted; }));
  std::fflush(stdout);

  constexpr std::uint64_t kStdin = ~std::uint64_t{0};
  epoll_event control{};
  control.events = EPOLLIN;
  control.data.u64 = kStdin;
  if (epoll_ctl(epoll, EPOLL_CTL_ADD, STDIN_FILENO, &control) != 0) die("epoll_ctl stdin");
  for (bool done = false; !done;) {
    int const n = epoll_wait(epoll, ready.data(), static_cast<int>(ready.size()), 1000);
    for (int i = 0; i < n; ++i) {
      if (ready[i].data.u64 == kStdin) {
        char discard[256];
        if (read(STDIN_FILENO, discard, sizeof discard) <= 0) done = true;  // the bench closed it
        continue;
      }
      auto& stream = streams[ready[i].data.u64];
      if (!read_stream(stream, buffer, true, measured)) epoll_ctl(epoll, EPOLL_CTL_DEL, stream.fd, nullptr);
    }
  }

  auto& latencies = measured.latencies_ms;
  std::sort(latencies.begin(), latencies.end());
  if (latencies.empty()) {
    std::printf("events 0 distinct 0\n");
    return 0;
  }
  auto const count = latencies.size();
  std::printf("events %zu distinct %zu p50_ms %.1f p99_ms %.1f max_ms %.1f\n", count,
              measured.delivered.size(), latencies[count / 2], latencies[count * 99 / 100], latencies.back());
  print_by_second(measured.by_send_time);
  return 0;
}

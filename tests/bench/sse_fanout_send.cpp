// The sender of the fan-out benchmark (tests/bench/sse_fanout_bench.sh): POST /messages/{room_id} at
// RATE messages/s for SECONDS, round-robin over the rooms of USERS_FILE (sse_fanout_setup.py's output),
// each message from the next member of its room, over 64 keep-alive connections on one epoll thread.
// The content carries the message's number and its send time ("n:<i> sent_at_ns:<ns>"), which
// sse_fanout_streams reads back from the frames; with "warmup" it says "warmup:<i>" and is ignored
// there. Prints "sent <ok> failed <n> in <s> s". In C++ so the load takes little of the cores it
// measures.
//
//   sse_fanout_send PORT USERS_FILE RATE SECONDS [warmup]
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kConnections = 64;
constexpr auto kAnswerTimeout = std::chrono::seconds(30);

struct Connection {
  int fd = -1;
  bool busy = false;  // a request sent, its answer not complete yet
  std::string received;
};

struct Room {
  std::string id;
  std::vector<std::string> tokens;
};

std::int64_t realtime_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int connect_to(std::uint16_t port) {
  int const fd = socket(AF_INET, SOCK_STREAM, 0);  // blocking: recv only runs once epoll says readable
  if (fd < 0) return -1;
  int const one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in server{};
  server.sin_family = AF_INET;
  server.sin_port = htons(port);
  inet_pton(AF_INET, "127.0.0.1", &server.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&server), sizeof server) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// The status of a complete response at the front of `bytes` (removed from it), or nullopt while it is
// incomplete. Content-Length framing only: the runner always sends it for these answers.
std::optional<int> take_response(std::string& bytes) {
  auto const head_end = bytes.find("\r\n\r\n");
  if (head_end == std::string::npos) return std::nullopt;
  std::string head = bytes.substr(0, head_end);
  std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return std::tolower(c); });
  std::size_t length = 0;
  if (auto const at = head.find("\r\ncontent-length:"); at != std::string::npos)
    length = std::strtoul(head.c_str() + at + 17, nullptr, 10);
  if (bytes.size() < head_end + 4 + length) return std::nullopt;
  int const status = head.size() > 12 ? std::atoi(head.c_str() + 9) : 0;
  bytes.erase(0, head_end + 4 + length);
  return status;
}

std::vector<Room> read_rooms(char const* path) {
  std::map<std::string, Room> rooms;  // sorted by id, as the Python sender had them
  std::ifstream users(path);
  for (std::string line; std::getline(users, line);) {
    std::istringstream fields(line);
    std::string user, token, room;
    if (!(fields >> user >> token >> room)) continue;
    rooms[room].id = room;
    rooms[room].tokens.push_back(token);
  }
  std::vector<Room> out;
  out.reserve(rooms.size());
  for (auto& [id, room] : rooms) out.push_back(std::move(room));
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5 && argc != 6) {
    std::fprintf(stderr, "usage: %s PORT USERS_FILE RATE SECONDS [warmup]\n", argv[0]);
    return 2;
  }
  auto const port = static_cast<std::uint16_t>(std::atoi(argv[1]));
  auto const rooms = read_rooms(argv[2]);
  long const rate = std::atol(argv[3]);
  long const total = rate * std::atol(argv[4]);
  std::string const label = argc == 6 && std::string_view(argv[5]) == "warmup" ? "warmup" : "n";
  if (rooms.empty() || rate <= 0) {
    std::fprintf(stderr, "no rooms in %s, or no rate\n", argv[2]);
    return 2;
  }

  int const epoll = epoll_create1(0);
  std::vector<Connection> connections(kConnections);
  auto reconnect = [&](std::size_t i) {
    if (connections[i].fd >= 0) close(connections[i].fd);  // also leaves the epoll set
    connections[i] = Connection{connect_to(port), false, {}};
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u64 = i;
    if (connections[i].fd >= 0) epoll_ctl(epoll, EPOLL_CTL_ADD, connections[i].fd, &event);
  };
  for (std::size_t i = 0; i < connections.size(); ++i) reconnect(i);

  long ok = 0, failed = 0, next = 0, in_flight = 0;
  auto const start = Clock::now() + std::chrono::milliseconds(500);
  auto due = [&](long n) { return start + std::chrono::nanoseconds(n * 1'000'000'000 / rate); };
  auto send_next = [&](Connection& connection) {
    auto const& room = rooms[static_cast<std::size_t>(next) % rooms.size()];
    auto const& token = room.tokens[static_cast<std::size_t>(next) / rooms.size() % room.tokens.size()];
    std::string const body = "{\"content\":\"" + label + ":" + std::to_string(next) +
                             " sent_at_ns:" + std::to_string(realtime_ns()) + "\"}";
    std::string const request = "POST /messages/" + room.id +
                                " HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n"
                                "Content-Type: application/json\r\nAuthorization: Bearer " +
                                token + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
                                body;
    ++next;
    if (send(connection.fd, request.data(), request.size(), MSG_NOSIGNAL) !=
        static_cast<ssize_t>(request.size())) {
      ++failed;
      return false;
    }
    connection.busy = true;
    ++in_flight;
    return true;
  };

  std::vector<epoll_event> ready(kConnections);
  std::vector<char> buffer(std::size_t{64} * 1024);
  auto last_progress = Clock::now();
  while (next < total || in_flight > 0) {
    auto const now = Clock::now();
    for (std::size_t i = 0; i < connections.size() && next < total && due(next) <= now; ++i) {
      if (connections[i].busy || connections[i].fd < 0) continue;
      if (!send_next(connections[i])) reconnect(i);
    }
    if (in_flight > 0 && now - last_progress > kAnswerTimeout) break;  // the rest count as failed
    if (std::none_of(connections.begin(), connections.end(), [](Connection const& c) { return c.fd >= 0; }))
      break;  // the runner is gone
    bool const idle = std::any_of(connections.begin(), connections.end(),
                                  [](Connection const& c) { return !c.busy && c.fd >= 0; });
    int timeout_ms = 1000;  // with every connection busy, an answer is what frees one
    if (next < total && idle) {
      auto const wait = std::chrono::ceil<std::chrono::milliseconds>(due(next) - Clock::now()).count();
      timeout_ms = static_cast<int>(std::clamp<long>(wait, 0, 1000));
    }
    int const n = epoll_wait(epoll, ready.data(), static_cast<int>(ready.size()), timeout_ms);
    for (int e = 0; e < n; ++e) {
      auto const i = static_cast<std::size_t>(ready[e].data.u64);
      auto& connection = connections[i];
      ssize_t const got = recv(connection.fd, buffer.data(), buffer.size(), MSG_DONTWAIT);
      if (got <= 0) {
        if (got < 0 && (errno == EAGAIN || errno == EINTR)) continue;
        if (connection.busy) {  // closed under a request: it failed
          ++failed;
          --in_flight;
        }
        reconnect(i);
        continue;
      }
      connection.received.append(buffer.data(), static_cast<std::size_t>(got));
      if (auto const status = take_response(connection.received)) {
        (*status == 201 ? ok : failed) += 1;
        connection.busy = false;
        --in_flight;
        last_progress = Clock::now();
      }
    }
  }
  failed += in_flight + (total - next);
  auto const took = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("sent %ld failed %ld in %.1f s\n", ok, failed, took);
  return 0;
}

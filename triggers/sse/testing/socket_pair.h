// A connected pair of local stream sockets for the edge's tests: the server end goes to an
// EventStream, the test reads the client end with deadlines (never sleeps).
#pragma once

#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <string>

namespace kfn::sse::testing {

struct SocketPair {
  SocketPair() {
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
      throw std::runtime_error("socketpair");
    server = fds[0];
    client = fds[1];
  }
  ~SocketPair() {
    if (client >= 0) ::close(client);
  }
  SocketPair(SocketPair const&) = delete;
  SocketPair& operator=(SocketPair const&) = delete;
  void close_client() {
    ::close(client);
    client = -1;
  }

  int server = -1;  // owned by whoever takes it (an EventStream)
  int client = -1;
};

// Reads from `fd` until `done(received)` or the deadline; returns what arrived.
template <typename Done>
std::string read_until(int fd, Done done, std::chrono::milliseconds patience = std::chrono::seconds(10)) {
  std::string received;
  auto const deadline = std::chrono::steady_clock::now() + patience;
  while (!done(received) && std::chrono::steady_clock::now() < deadline) {
    char buffer[4096];
    auto const n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
    if (n > 0) {
      received.append(buffer, static_cast<std::size_t>(n));
      continue;
    }
    if (n == 0) break;
    timeval wait{0, 20'000};
    fd_set set;
    FD_ZERO(&set);
    FD_SET(fd, &set);
    ::select(fd + 1, &set, nullptr, nullptr, &wait);
  }
  return received;
}

inline bool contains(std::string const& haystack, std::string const& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace kfn::sse::testing

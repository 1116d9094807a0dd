// Mounted routes that take their connection over (the SSE edge's way to stream), on a real Server:
// the head the server writes, and a stream that outlives Pistache's request and keep-alive timeouts.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "server_fixture.h"

using kfn::http::Connection;
using kfn::http::MountedAuth;
using kfn::http::MountedRoute;
using kfn::http::testing::RawHttpClient;
using kfn::http::testing::ServerFixture;

namespace {

// Takes the connection over and writes one chunk "tick\n" every 50 ms until stopped, then the last chunk.
struct Ticker {
  std::atomic<bool> stop{false};
  std::thread thread;
  std::atomic<int> fd{-1};

  MountedRoute route() {
    return {"GET", "/stream", MountedAuth::kOptional,
            [this](kfn::HttpRequest const&, kfn::Identity const*, Connection& connection) {
              kfn::HttpResponse head;
              head.status = 200;
              head.headers.set("Content-Type", "text/event-stream");
              head.headers.set("X-Accel-Buffering", "no");
              int const taken = connection.take_over(head);
              fd.store(taken);
              thread = std::thread([this, taken] {
                while (!stop.load()) {
                  static constexpr char kTick[] = "5\r\ntick\n\r\n";
                  if (::send(taken, kTick, sizeof kTick - 1, MSG_NOSIGNAL) < 0) break;
                  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // pacing, not synchronisation
                }
                ::send(taken, "0\r\n\r\n", 5, MSG_NOSIGNAL);
                ::close(taken);
              });
              return kfn::HttpResponse{};  // discarded
            }};
  }
  ~Ticker() {
    stop.store(true);
    if (thread.joinable()) thread.join();
  }
};

// Takes each connection over and keeps its descriptor, writing nothing: what an idle SSE stream is.
struct Holder {
  std::mutex mutex;
  std::vector<int> fds;

  MountedRoute route() {
    return {"GET", "/hold", MountedAuth::kOptional,
            [this](kfn::HttpRequest const&, kfn::Identity const*, Connection& connection) {
              kfn::HttpResponse head;
              head.status = 200;
              head.headers.set("Content-Type", "text/event-stream");
              int const taken = connection.take_over(head);
              std::lock_guard lock(mutex);
              if (taken >= 0) fds.push_back(taken);
              return kfn::HttpResponse{};  // discarded
            }};
  }
  std::size_t held() {
    std::lock_guard lock(mutex);
    return fds.size();
  }
  ~Holder() {
    for (int fd : fds) ::close(fd);
  }
};

// The server's ends of connections to `port`: Pistache's descriptors and the takers' dups alike
// (the test's client ends have another local port; the listening socket has no peer).
std::size_t server_side_descriptors(std::uint16_t port) {
  std::size_t count = 0;
  for (auto const& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    int const fd = std::stoi(entry.path().filename().string());
    sockaddr_in local{};
    sockaddr_in peer{};
    socklen_t local_size = sizeof local;
    socklen_t peer_size = sizeof peer;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_size) != 0 ||
        local.sin_family != AF_INET)
      continue;
    if (ntohs(local.sin_port) != port) continue;
    if (::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_size) == 0) ++count;
  }
  return count;
}

// The local port of a client's socket, or the remote port of a server-side one: what pairs them.
std::uint16_t port_of(int fd, bool remote) {
  sockaddr_in address{};
  socklen_t size = sizeof address;
  auto* raw = reinterpret_cast<sockaddr*>(&address);
  if ((remote ? ::getpeername(fd, raw, &size) : ::getsockname(fd, raw, &size)) != 0) return 0;
  return ntohs(address.sin_port);
}

std::string chunk(std::string const& body) {
  char size[16];
  std::snprintf(size, sizeof size, "%zx\r\n", body.size());
  return size + body + "\r\n";
}

// Polls a condition nothing announces (the kernel's descriptor table) until it holds or 10 s pass.
bool eventually(std::function<bool()> const& condition) {
  auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return condition();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

std::string read_some(int fd) {
  char buffer[4096];
  timeval wait{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
  auto const n = ::recv(fd, buffer, sizeof buffer, 0);
  return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
}

}  // namespace

TEST_CASE("a taken-over stream gets the server's head and outlives Pistache's timeouts without a 408") {
  Ticker ticker;
  auto options = ServerFixture::default_options();
  options.request_timeout = std::chrono::milliseconds(300);
  options.keepalive_timeout = std::chrono::milliseconds(300);
  options.mounted_routes.push_back(ticker.route());
  ServerFixture fixture(options);

  RawHttpClient client(fixture.port());
  client.send("GET /stream HTTP/1.1\r\nHost: x\r\nOrigin: https://app.example\r\n\r\n");
  std::string received;
  // 40 ticks span at least 2 s: several times both timeouts (0.3 s each).
  int ticks = 0;
  for (int reads = 0; reads < 400 && ticks < 40; ++reads) {
    auto const got = read_some(client.fd());
    if (got.empty()) break;  // closed or silent for 5 s: the stream died
    received += got;
    ticks = 0;
    for (auto at = received.find("tick"); at != std::string::npos; at = received.find("tick", at + 1))
      ++ticks;
  }
  CHECK(ticks >= 40);
  auto const head = received.substr(0, received.find("\r\n\r\n"));
  CHECK(head.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
  CHECK(head.find("X-Accel-Buffering: no") != std::string::npos);  // fields are written, not dropped
  CHECK(head.find("Transfer-Encoding: chunked") != std::string::npos);
  CHECK(head.find("X-Request-Id: ") != std::string::npos);
  CHECK(head.find("Access-Control-Allow-Origin: https://app.example") != std::string::npos);
  CHECK(received.find("408") == std::string::npos);
  CHECK(received.find("Request Timeout") == std::string::npos);
}

TEST_CASE("mounted routes answer 405 for other methods and 401 for a bad token") {
  Ticker ticker;
  auto options = ServerFixture::default_options();
  options.mounted_routes.push_back(ticker.route());
  ServerFixture fixture(options);
  CHECK(fixture.request("POST", "/stream").status == 405);
  CHECK(fixture.request("GET", "/stream", {{"Authorization", "Bearer nonsense"}}).status == 401);
}

// Pistache keeps a peer's descriptor until its keep-alive timeout (here far away); a taken-over
// stream must cost the server one descriptor (the taker's), or 10,000 streams need 20,000.
TEST_CASE("a taken-over stream costs the server one descriptor and keeps working; keep-alive peers stay") {
  constexpr std::size_t kStreams = 12;
  Holder holder;
  auto options = ServerFixture::default_options();
  options.keepalive_timeout = std::chrono::seconds(300);
  options.mounted_routes.push_back(holder.route());
  ServerFixture fixture(options);
  auto const port = fixture.port();

  std::vector<std::unique_ptr<RawHttpClient>> clients;
  for (std::size_t i = 0; i < kStreams; ++i) {
    clients.push_back(std::make_unique<RawHttpClient>(port));
    clients.back()->send("GET /hold HTTP/1.1\r\nHost: x\r\n\r\n");
    CHECK(read_some(clients.back()->fd()).rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
  }
  REQUIRE(eventually([&] { return holder.held() == kStreams; }));
  // The taker's descriptor per stream, and no other: Pistache's own are closed.
  CHECK(eventually([&] { return server_side_descriptors(port) == kStreams; }));

  // The sockets are intact: every stream still reaches its own client.
  {
    std::lock_guard lock(holder.mutex);
    for (int fd : holder.fds) {
      auto const bytes = chunk("to " + std::to_string(port_of(fd, true)) + "\n");
      REQUIRE(::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size()));
    }
  }
  for (auto const& client : clients)
    CHECK(read_some(client->fd()) == chunk("to " + std::to_string(port_of(client->fd(), false)) + "\n"));

  // Plain keep-alive connections are left alone: several requests on one connection, whose server
  // end stays open in between.
  RawHttpClient keep(port);
  CHECK(keep.request("GET", "/echo/1").status == 200);
  CHECK(eventually([&] { return server_side_descriptors(port) == kStreams + 1; }));
  CHECK(keep.request("GET", "/echo/2").status == 200);
  CHECK(keep.request("GET", "/echo/3").status == 200);

  // A stream opened after a client left (its Pistache fd number long free for reuse) is released
  // the same way, and the keep-alive connection is unaffected.
  clients.front().reset();
  RawHttpClient late(port);
  late.send("GET /hold HTTP/1.1\r\nHost: x\r\n\r\n");
  CHECK(read_some(late.fd()).rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
  REQUIRE(eventually([&] { return holder.held() == kStreams + 1; }));
  CHECK(eventually([&] { return server_side_descriptors(port) == kStreams + 2; }));
  CHECK(keep.request("GET", "/echo/4").status == 200);
}

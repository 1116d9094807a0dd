// Mounted routes that take their connection over (the SSE edge's way to stream), on a real Server:
// the head the server writes, and a stream that outlives Pistache's request and keep-alive timeouts.
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

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

#include "lib/http_post.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <thread>

namespace {

using Clock = std::chrono::steady_clock;

notify::WebhookTarget local(std::uint16_t port) {
  return {"127.0.0.1", port, "/push", "127.0.0.1:" + std::to_string(port)};
}

// A listening socket on 127.0.0.1 at an ephemeral port; closed on destruction.
struct Listener {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  std::uint16_t port = 0;
  Listener() {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), length) == 0);
    REQUIRE(::listen(fd, 4) == 0);
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    port = ntohs(address.sin_port);
  }
  ~Listener() { ::close(fd); }
  Listener(Listener const&) = delete;
  Listener& operator=(Listener const&) = delete;
};

}  // namespace

TEST_CASE("the POST request carries the body, its length and the extra headers", "[http_post]") {
  auto const request = notify::build_post_request(local(9000), R"({"a":1})", {{"Idempotency-Key", "abc"}});
  CHECK(request ==
        "POST /push HTTP/1.1\r\nHost: 127.0.0.1:9000\r\nContent-Type: application/json\r\n"
        "Content-Length: 7\r\nConnection: close\r\nIdempotency-Key: abc\r\n\r\n{\"a\":1}");
  auto const smuggled = notify::build_post_request(local(9000), "{}", {{"X", "a\r\nEvil: 1"}});
  CHECK(smuggled.find("Evil") == std::string::npos);
}

TEST_CASE("status lines give their code; anything else gives none", "[http_post]") {
  CHECK(notify::parse_status_line("HTTP/1.1 200 OK\r\n") == 200);
  CHECK(notify::parse_status_line("HTTP/1.0 503\r\n") == 503);
  CHECK_FALSE(notify::parse_status_line("HTTP/2 200\r\n"));
  CHECK_FALSE(notify::parse_status_line("HTTP/1.1 20x OK\r\n"));
  CHECK_FALSE(notify::parse_status_line("HTTP/1.1 2000\r\n"));
  CHECK_FALSE(notify::parse_status_line(""));
}

TEST_CASE("a POST to a local server returns its status and sends the whole request", "[http_post]") {
  Listener listener;
  std::string received;
  std::thread server([&] {
    int const client = ::accept(listener.fd, nullptr, nullptr);
    char buffer[4096];
    while (received.find("{\"n\":1}") == std::string::npos) {
      ssize_t const got = ::recv(client, buffer, sizeof buffer, 0);
      if (got <= 0) break;
      received.append(buffer, static_cast<std::size_t>(got));
    }
    std::string const answer = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n";
    ::send(client, answer.data(), answer.size(), MSG_NOSIGNAL);
    ::close(client);
  });
  auto const result =
      notify::post_json(local(listener.port), R"({"n":1})", {}, Clock::now() + std::chrono::seconds(10));
  server.join();
  CHECK(result.status == 503);
  CHECK(received.rfind("POST /push HTTP/1.1\r\n", 0) == 0);
}

TEST_CASE("a POST with nobody listening reports why, without a status", "[http_post]") {
  std::uint16_t port = 0;
  {
    Listener closed_again;
    port = closed_again.port;
  }
  auto const result = notify::post_json(local(port), "{}", {}, Clock::now() + std::chrono::seconds(10));
  CHECK(result.status == 0);
  CHECK_FALSE(result.error.empty());
}

TEST_CASE("a server that never answers is given up on at the deadline", "[http_post]") {
  Listener silent;  // accepts into its backlog, never reads or answers
  auto const result =
      notify::post_json(local(silent.port), "{}", {}, Clock::now() + std::chrono::milliseconds(200));
  CHECK(result.status == 0);
  CHECK(result.error.find("deadline") != std::string::npos);
}

// A small blocking HTTP/1.1 client over one keep-alive TCP connection: what `kfn invoke` and the
// integration tests use to talk to a runner exactly as any plain client would.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kfn::runner {

struct ClientResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  [[nodiscard]] std::optional<std::string> header(std::string const& name) const;  // case-insensitive
};

// Not thread-safe: one request at a time. Reconnects when the server closed the connection.
class HttpClient {
 public:
  // `source_address`, when set, is the local IPv4 address to connect from (e.g. 127.0.0.7), so tests
  // can act as distinct clients on one machine.
  HttpClient(std::string host, std::uint16_t port, std::string source_address = {});
  ~HttpClient();
  HttpClient(HttpClient const&) = delete;
  HttpClient& operator=(HttpClient const&) = delete;

  // Throws std::runtime_error on connection failure or a malformed response.
  ClientResponse request(std::string const& method, std::string const& target, std::string const& body = {},
                         std::vector<std::pair<std::string, std::string>> const& headers = {});
  // How many TCP connections this client has opened so far (keep-alive tests count them).
  [[nodiscard]] int connections_opened() const { return connections_opened_; }

 private:
  void connect_once();
  void send_all(std::string const& data);
  ClientResponse read_response();
  std::string read_line();
  void fill();

  std::string host_;
  std::uint16_t port_;
  std::string source_address_;
  int fd_ = -1;
  int connections_opened_ = 0;
  std::string buffer_;
};

// Splits "http://host:port" into host and port; throws std::invalid_argument otherwise.
std::pair<std::string, std::uint16_t> parse_base_url(std::string const& url);

}  // namespace kfn::runner

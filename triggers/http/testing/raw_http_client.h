// A tiny HTTP/1.1 client over one TCP connection, for tests that must see the wire: which
// connection answered and every header as sent.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kfn::http::testing {

struct RawResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased, in wire order
  std::string body;

  // The first field of that name (any case), or nullopt.
  [[nodiscard]] std::optional<std::string> header(std::string_view name) const;
  [[nodiscard]] std::vector<std::string> all(std::string_view name) const;
};

// One connection to 127.0.0.1:port. Not thread-safe. Reads give up after 30 s so a broken server
// fails the test instead of hanging it.
class RawHttpClient {
 public:
  explicit RawHttpClient(std::uint16_t port);
  ~RawHttpClient();
  RawHttpClient(RawHttpClient const&) = delete;
  RawHttpClient& operator=(RawHttpClient const&) = delete;

  void send(std::string_view bytes);
  // Reads one response (Content-Length framing). Throws std::runtime_error on EOF or timeout.
  RawResponse read_response();

  [[nodiscard]] int fd() const { return fd_; }

  // Sends one request built from the parts (adds Host and Content-Length) and reads the answer.
  RawResponse request(std::string_view method, std::string_view target,
                      std::vector<std::pair<std::string, std::string>> const& headers = {},
                      std::string_view body = {});

 private:
  bool fill();  // reads more bytes into buffer_; false on EOF

  int fd_ = -1;
  std::string buffer_;
};

// The index of the first client with something to read; waits up to 30 s, throws after that.
std::size_t first_readable(std::vector<RawHttpClient*> const& clients);

// Whether anything accepts connections on 127.0.0.1:port.
bool can_connect(std::uint16_t port);

}  // namespace kfn::http::testing

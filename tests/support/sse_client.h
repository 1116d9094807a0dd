// An event-stream client for integration tests: one TCP connection to the runner, GET /events with
// the given fields, the chunked body decoded and split into SSE events. Every wait has a deadline.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kfn::test {

struct SseEvent {
  std::string id;
  std::string event;
  std::string data;
  [[nodiscard]] nlohmann::json json() const { return nlohmann::json::parse(data); }
};

class SseClient {
 public:
  // Connects and sends the request; `receive_buffer` > 0 sets SO_RCVBUF first (a client that will
  // stop reading). Does not read yet.
  SseClient(std::uint16_t port, std::string const& target,
            std::vector<std::pair<std::string, std::string>> const& headers = {}, int receive_buffer = 0);
  ~SseClient();
  SseClient(SseClient const&) = delete;
  SseClient& operator=(SseClient const&) = delete;

  // Reads the status line and fields; the status (0 if the connection closed first).
  int read_head(std::chrono::milliseconds patience = std::chrono::seconds(20));
  [[nodiscard]] std::optional<std::string> header(std::string const& name) const;  // any case
  [[nodiscard]] std::string const& head_text() const { return head_; }

  // Reads until `done(events)` (every event so far) or the deadline; true when done.
  bool read_until(std::function<bool(std::vector<SseEvent> const&)> const& done,
                  std::chrono::milliseconds patience = std::chrono::seconds(20));
  // Reads until the decoded body contains `text`.
  bool read_until_text(std::string const& text,
                       std::chrono::milliseconds patience = std::chrono::seconds(20));
  // Reads until the server closes; true when it did before the deadline.
  bool read_until_closed(std::chrono::milliseconds patience = std::chrono::seconds(20));

  [[nodiscard]] std::vector<SseEvent> const& events() const { return events_; }
  std::vector<SseEvent> of_type(std::string const& event) const;
  [[nodiscard]] std::string const& body() const { return body_; }     // decoded (no chunk framing)
  [[nodiscard]] std::string const& raw_body() const { return raw_; }  // as sent, chunk framing included
  [[nodiscard]] bool closed() const { return closed_; }
  void close();  // the client goes away

 private:
  bool read_some(std::chrono::steady_clock::time_point deadline);
  void decode();
  void parse_events();

  int fd_ = -1;
  std::string head_;
  std::string pending_;  // bytes after the head, not yet decoded
  std::string raw_;
  std::string body_;
  std::size_t parsed_ = 0;  // body_ bytes already split into events
  bool chunked_ = false;
  bool closed_ = false;
  std::vector<SseEvent> events_;
};

}  // namespace kfn::test

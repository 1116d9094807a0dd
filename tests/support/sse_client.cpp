#include "sse_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace kfn::test {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

}  // namespace

SseClient::SseClient(std::uint16_t port, std::string const& target,
                     std::vector<std::pair<std::string, std::string>> const& headers, int receive_buffer) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw std::runtime_error("socket failed");
  if (receive_buffer > 0) ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
    throw std::runtime_error("connect failed");
  std::string request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n";
  for (auto const& [name, value] : headers) request += name + ": " + value + "\r\n";
  request += "\r\n";
  if (::send(fd_, request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size()))
    throw std::runtime_error("send failed");
}

SseClient::~SseClient() { close(); }

void SseClient::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

bool SseClient::read_some(std::chrono::steady_clock::time_point deadline) {
  if (closed_ || fd_ < 0) return false;
  auto const left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  if (left.count() <= 0) return false;
  pollfd poll_fd{fd_, POLLIN, 0};
  if (::poll(&poll_fd, 1, static_cast<int>(std::min<long long>(left.count(), 200))) <= 0) return true;
  char buffer[16384];
  auto const n = ::recv(fd_, buffer, sizeof buffer, 0);
  if (n <= 0) {
    closed_ = true;
    return false;
  }
  if (head_.empty() || head_.find("\r\n\r\n") == std::string::npos) {
    head_.append(buffer, static_cast<std::size_t>(n));
    auto const end = head_.find("\r\n\r\n");
    if (end != std::string::npos) {
      pending_ = head_.substr(end + 4);
      raw_ = pending_;
      head_.resize(end + 4);
      chunked_ = lower(head_).find("transfer-encoding: chunked") != std::string::npos;
    }
  } else {
    pending_.append(buffer, static_cast<std::size_t>(n));
    raw_.append(buffer, static_cast<std::size_t>(n));
  }
  decode();
  return true;
}

void SseClient::decode() {
  if (!chunked_) {
    body_ += pending_;
    pending_.clear();
  }
  while (chunked_) {
    auto const line_end = pending_.find("\r\n");
    if (line_end == std::string::npos) break;
    auto const size = std::stoul(pending_.substr(0, line_end), nullptr, 16);
    if (pending_.size() < line_end + 2 + size + 2) break;
    body_ += pending_.substr(line_end + 2, size);
    pending_.erase(0, line_end + 2 + size + 2);
    if (size == 0) break;
  }
  parse_events();
}

void SseClient::parse_events() {
  for (;;) {
    auto const end = body_.find("\n\n", parsed_);
    if (end == std::string::npos) return;
    std::string block = body_.substr(parsed_, end - parsed_);
    parsed_ = end + 2;
    SseEvent event;
    bool any = false;
    std::size_t start = 0;
    while (start <= block.size()) {
      auto const stop = std::min(block.find('\n', start), block.size());
      std::string const line = block.substr(start, stop - start);
      start = stop + 1;
      auto const colon = line.find(':');
      std::string const field = line.substr(0, colon);
      std::string value = colon == std::string::npos ? "" : line.substr(colon + 1);
      if (!value.empty() && value.front() == ' ') value.erase(0, 1);
      if (field == "id") event.id = value, any = true;
      if (field == "event") event.event = value, any = true;
      if (field == "data") event.data = value, any = true;
    }
    if (any && !event.event.empty()) events_.push_back(std::move(event));
  }
}

int SseClient::read_head(std::chrono::milliseconds patience) {
  auto const deadline = std::chrono::steady_clock::now() + patience;
  while (head_.find("\r\n\r\n") == std::string::npos) {
    if (!read_some(deadline) && (closed_ || std::chrono::steady_clock::now() >= deadline)) break;
  }
  if (head_.size() < 12) return 0;
  return std::stoi(head_.substr(9, 3));
}

std::optional<std::string> SseClient::header(std::string const& name) const {
  auto const lowered = lower(head_);
  auto const at = lowered.find("\r\n" + lower(name) + ":");
  if (at == std::string::npos) return std::nullopt;
  auto const start = at + 2 + name.size() + 1;
  auto const end = head_.find("\r\n", start);
  std::string value = head_.substr(start, end - start);
  while (!value.empty() && value.front() == ' ') value.erase(0, 1);
  return value;
}

bool SseClient::read_until(std::function<bool(std::vector<SseEvent> const&)> const& done,
                           std::chrono::milliseconds patience) {
  auto const deadline = std::chrono::steady_clock::now() + patience;
  while (!done(events_)) {
    if (!read_some(deadline) && (closed_ || std::chrono::steady_clock::now() >= deadline))
      return done(events_);
  }
  return true;
}

bool SseClient::read_until_text(std::string const& text, std::chrono::milliseconds patience) {
  auto const deadline = std::chrono::steady_clock::now() + patience;
  while (body_.find(text) == std::string::npos) {
    if (!read_some(deadline) && (closed_ || std::chrono::steady_clock::now() >= deadline))
      return body_.find(text) != std::string::npos;
  }
  return true;
}

bool SseClient::read_until_closed(std::chrono::milliseconds patience) {
  auto const deadline = std::chrono::steady_clock::now() + patience;
  while (!closed_ && std::chrono::steady_clock::now() < deadline) read_some(deadline);
  return closed_;
}

std::vector<SseEvent> SseClient::of_type(std::string const& event) const {
  std::vector<SseEvent> out;
  std::copy_if(events_.begin(), events_.end(), std::back_inserter(out),
               [&](SseEvent const& e) { return e.event == event; });
  return out;
}

}  // namespace kfn::test

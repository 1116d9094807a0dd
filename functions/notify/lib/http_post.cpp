#include "lib/http_post.h"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <system_error>
#include <utility>
#include <variant>

namespace notify {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kMaxStatusLineBytes = 8192;

// Owns one socket descriptor.
class Socket {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  Socket(Socket&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Socket& operator=(Socket&&) = delete;
  Socket(Socket const&) = delete;
  Socket& operator=(Socket const&) = delete;
  [[nodiscard]] int fd() const { return fd_; }

 private:
  int fd_;
};

using AddressList = std::unique_ptr<addrinfo, decltype(&freeaddrinfo)>;

std::string errno_text(int error) { return std::error_code(error, std::generic_category()).message(); }

// True when `fd` is ready for `events` before the deadline.
bool wait_for(int fd, short events, Clock::time_point deadline) {
  while (true) {
    auto const left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd pfd{fd, events, 0};
    int const ready = ::poll(&pfd, 1, static_cast<int>(std::min<long long>(left, 60'000)));
    if (ready > 0) return true;
    if (ready < 0 && errno != EINTR) return false;
  }
}

std::variant<Socket, std::string> connect_one(addrinfo const& address, Clock::time_point deadline) {
  Socket socket(
      ::socket(address.ai_family, address.ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, address.ai_protocol));
  if (socket.fd() < 0) return errno_text(errno);
  if (::connect(socket.fd(), address.ai_addr, address.ai_addrlen) == 0) return socket;
  if (errno != EINPROGRESS) return errno_text(errno);
  if (!wait_for(socket.fd(), POLLOUT, deadline)) return std::string("connect timed out");
  int error = 0;
  socklen_t length = sizeof error;
  if (::getsockopt(socket.fd(), SOL_SOCKET, SO_ERROR, &error, &length) != 0) return errno_text(errno);
  if (error != 0) return errno_text(error);
  return socket;
}

std::variant<Socket, std::string> connect_to(WebhookTarget const& target, Clock::time_point deadline) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  std::string const port = std::to_string(target.port);
  if (int const rc = ::getaddrinfo(target.host.c_str(), port.c_str(), &hints, &found); rc != 0) {
    return "cannot resolve " + target.host + ": " + gai_strerror(rc);
  }
  AddressList const addresses(found, &freeaddrinfo);
  std::string last_error = "no address";
  for (addrinfo const* address = found; address != nullptr; address = address->ai_next) {
    auto connected = connect_one(*address, deadline);
    if (auto* socket = std::get_if<Socket>(&connected)) return std::move(*socket);
    last_error = std::get<std::string>(connected);
  }
  return "cannot connect to " + target.host_header + ": " + last_error;
}

std::optional<std::string> send_all(int fd, std::string_view data, Clock::time_point deadline) {
  while (!data.empty()) {
    ssize_t const sent = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (sent > 0) {
      data.remove_prefix(static_cast<std::size_t>(sent));
    } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
      if (!wait_for(fd, POLLOUT, deadline)) return "sending timed out";
    } else if (errno != EINTR) {
      return "send failed: " + errno_text(errno);
    }
  }
  return std::nullopt;
}

PostResult read_status(int fd, Clock::time_point deadline) {
  std::string head;
  while (head.find("\r\n") == std::string::npos && head.size() < kMaxStatusLineBytes) {
    if (!wait_for(fd, POLLIN, deadline)) return {0, "no answer before the deadline"};
    char buffer[1024];
    ssize_t const got = ::recv(fd, buffer, sizeof buffer, 0);
    if (got == 0) break;
    if (got > 0)
      head.append(buffer, static_cast<std::size_t>(got));
    else if (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK)
      return {0, "receive failed: " + errno_text(errno)};
  }
  auto const status = parse_status_line(head);
  if (!status)
    return {0, head.empty() ? "the connection closed without an answer" : "the answer is not HTTP"};
  return {*status, {}};
}

}  // namespace

std::string build_post_request(WebhookTarget const& target, std::string const& body,
                               HeaderList const& headers) {
  std::string request =
      "POST " + target.target + " HTTP/1.1\r\nHost: " + target.host_header +
      "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
      "\r\nConnection: close\r\n";
  for (auto const& [name, value] : headers) {
    // A line break in a value would smuggle in headers of its own.
    if ((name + value).find_first_of("\r\n") != std::string::npos) continue;
    request += name + ": " + value + "\r\n";
  }
  return request + "\r\n" + body;
}

std::optional<int> parse_status_line(std::string_view head) {
  // "HTTP/1.1 200" at least: a version, one space, three digits.
  if (head.size() < 12 || !head.starts_with("HTTP/1.") || head[8] != ' ') return std::nullopt;
  int status = 0;
  for (std::size_t i = 9; i < 12; ++i) {
    if (head[i] < '0' || head[i] > '9') return std::nullopt;
    status = status * 10 + (head[i] - '0');
  }
  if (head.size() > 12 && head[12] != ' ' && head[12] != '\r') return std::nullopt;
  return status;
}

PostResult post_json(WebhookTarget const& target, std::string const& body, HeaderList const& headers,
                     Clock::time_point deadline) {
  auto connected = connect_to(target, deadline);
  if (auto const* error = std::get_if<std::string>(&connected)) return {0, *error};
  auto const& socket = std::get<Socket>(connected);
  if (auto error = send_all(socket.fd(), build_post_request(target, body, headers), deadline))
    return {0, *error};
  return read_status(socket.fd(), deadline);
}

}  // namespace notify

#include "raw_http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace kfn::http::testing {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

int connect_to(std::uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  timeval timeout{30, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  return fd;
}

RawResponse parse_head(std::string_view head) {
  RawResponse response;
  auto line_end = head.find("\r\n");
  auto status_line = head.substr(0, line_end);
  auto space = status_line.find(' ');
  if (space == std::string_view::npos) throw std::runtime_error("bad status line");
  response.status = std::stoi(std::string(status_line.substr(space + 1, 3)));
  while (line_end != std::string_view::npos && line_end + 2 < head.size()) {
    auto start = line_end + 2;
    line_end = head.find("\r\n", start);
    auto line = head.substr(start, line_end - start);
    auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    auto value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    response.headers.emplace_back(lower(line.substr(0, colon)), std::string(value));
  }
  return response;
}

}  // namespace

std::optional<std::string> RawResponse::header(std::string_view name) const {
  auto wanted = lower(name);
  for (auto const& [n, v] : headers) {
    if (n == wanted) return v;
  }
  return std::nullopt;
}

std::vector<std::string> RawResponse::all(std::string_view name) const {
  std::vector<std::string> values;
  auto wanted = lower(name);
  for (auto const& [n, v] : headers) {
    if (n == wanted) values.push_back(v);
  }
  return values;
}

RawHttpClient::RawHttpClient(std::uint16_t port) : fd_(connect_to(port)) {
  if (fd_ < 0) throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
}

RawHttpClient::~RawHttpClient() {
  if (fd_ >= 0) ::close(fd_);
}

void RawHttpClient::send(std::string_view bytes) {
  while (!bytes.empty()) {
    auto sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent <= 0) throw std::runtime_error(std::string("send: ") + std::strerror(errno));
    bytes.remove_prefix(static_cast<std::size_t>(sent));
  }
}

bool RawHttpClient::fill() {
  char chunk[16 * 1024];
  auto received = ::recv(fd_, chunk, sizeof chunk, 0);
  if (received < 0) throw std::runtime_error(std::string("recv: ") + std::strerror(errno));
  if (received == 0) return false;
  buffer_.append(chunk, static_cast<std::size_t>(received));
  return true;
}

RawResponse RawHttpClient::read_response() {
  std::size_t head_end;
  while ((head_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (!fill()) throw std::runtime_error("connection closed before a response");
  }
  auto response = parse_head(std::string_view(buffer_).substr(0, head_end));
  auto length = std::stoul(response.header("content-length").value_or("0"));
  auto body_start = head_end + 4;
  while (buffer_.size() < body_start + length) {
    if (!fill()) throw std::runtime_error("connection closed inside a response body");
  }
  response.body = buffer_.substr(body_start, length);
  buffer_.erase(0, body_start + length);
  return response;
}

RawResponse RawHttpClient::request(std::string_view method, std::string_view target,
                                   std::vector<std::pair<std::string, std::string>> const& headers,
                                   std::string_view body) {
  std::string raw = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (auto const& [name, value] : headers) raw.append(name).append(": ").append(value).append("\r\n");
  if (!body.empty()) raw += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  raw += "\r\n";
  raw += body;
  send(raw);
  return read_response();
}

std::size_t first_readable(std::vector<RawHttpClient*> const& clients) {
  std::vector<pollfd> fds;
  fds.reserve(clients.size());
  for (auto* client : clients) fds.push_back({client->fd(), POLLIN, 0});
  if (::poll(fds.data(), fds.size(), 30'000) <= 0) throw std::runtime_error("no client became readable");
  for (std::size_t i = 0; i < fds.size(); ++i) {
    if (fds[i].revents != 0) return i;
  }
  throw std::runtime_error("poll reported no readable client");
}

bool can_connect(std::uint16_t port) {
  int fd = connect_to(port);
  if (fd < 0) return false;
  ::close(fd);
  return true;
}

}  // namespace kfn::http::testing

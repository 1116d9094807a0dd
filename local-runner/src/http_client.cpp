// Plain HTTP/1.1 over a socket, Content-Length and chunked bodies.
#include "http_client.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace kfn::runner {
namespace {

bool iequals(std::string const& a, std::string const& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::optional<std::string> ClientResponse::header(std::string const& name) const {
  for (auto const& [key, value] : headers) {
    if (iequals(key, name)) return value;
  }
  return std::nullopt;
}

HttpClient::HttpClient(std::string host, std::uint16_t port, std::string source_address)
    : host_(std::move(host)), port_(port), source_address_(std::move(source_address)) {}

namespace {

void bind_source(int fd, std::string const& address) {
  sockaddr_in local{};
  local.sin_family = AF_INET;
  if (inet_pton(AF_INET, address.c_str(), &local.sin_addr) != 1 ||
      bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
    throw std::runtime_error("cannot bind to source address " + address);
  }
}

}  // namespace

HttpClient::~HttpClient() {
  if (fd_ >= 0) close(fd_);
}

void HttpClient::connect_once() {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  auto port = std::to_string(port_);
  if (getaddrinfo(host_.c_str(), port.c_str(), &hints, &found) != 0 || found == nullptr) {
    throw std::runtime_error("cannot resolve " + host_);
  }
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> addresses(found, &freeaddrinfo);
  int fd = socket(found->ai_family, found->ai_socktype | SOCK_CLOEXEC, found->ai_protocol);
  if (fd >= 0 && !source_address_.empty()) {
    try {
      bind_source(fd, source_address_);
    } catch (...) {
      close(fd);
      throw;
    }
  }
  if (fd < 0 || ::connect(fd, found->ai_addr, found->ai_addrlen) != 0) {
    int err = errno;
    if (fd >= 0) close(fd);
    throw std::runtime_error("cannot connect to " + host_ + ":" + port + ": " + std::strerror(err));
  }
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  fd_ = fd;
  buffer_.clear();
  ++connections_opened_;
}

void HttpClient::send_all(std::string const& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = ::send(fd_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) throw std::runtime_error(std::string("send failed: ") + std::strerror(errno));
    sent += static_cast<std::size_t>(n);
  }
}

void HttpClient::fill() {
  char chunk[16384];
  ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
  if (n <= 0) throw std::runtime_error("connection closed by server");
  buffer_.append(chunk, static_cast<std::size_t>(n));
}

std::string HttpClient::read_line() {
  std::size_t end;
  while ((end = buffer_.find("\r\n")) == std::string::npos) fill();
  std::string line = buffer_.substr(0, end);
  buffer_.erase(0, end + 2);
  return line;
}

ClientResponse HttpClient::read_response() {
  ClientResponse response;
  std::string status_line = read_line();
  if (status_line.rfind("HTTP/1.", 0) != 0 || status_line.size() < 12) {
    throw std::runtime_error("malformed status line: " + status_line);
  }
  response.status = std::stoi(status_line.substr(9, 3));
  for (std::string line = read_line(); !line.empty(); line = read_line()) {
    auto colon = line.find(':');
    if (colon == std::string::npos) throw std::runtime_error("malformed header: " + line);
    auto value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    response.headers.emplace_back(line.substr(0, colon), value);
  }
  if (auto te = response.header("Transfer-Encoding"); te && iequals(*te, "chunked")) {
    for (;;) {
      std::size_t size = std::stoul(read_line(), nullptr, 16);
      while (buffer_.size() < size + 2) fill();
      response.body.append(buffer_, 0, size);
      buffer_.erase(0, size + 2);
      if (size == 0) break;
    }
  } else {
    std::size_t length = std::stoul(response.header("Content-Length").value_or("0"));
    while (buffer_.size() < length) fill();
    response.body = buffer_.substr(0, length);
    buffer_.erase(0, length);
  }
  if (auto connection = response.header("Connection"); connection && iequals(*connection, "close")) {
    close(fd_);
    fd_ = -1;
  }
  return response;
}

ClientResponse HttpClient::request(std::string const& method, std::string const& target,
                                   std::string const& body,
                                   std::vector<std::pair<std::string, std::string>> const& headers) {
  std::string text = method + " " + target + " HTTP/1.1\r\nHost: " + host_ + ":" + std::to_string(port_) + "\r\n";
  bool has_type = false;
  for (auto const& [name, value] : headers) {
    text += name + ": " + value + "\r\n";
    has_type = has_type || iequals(name, "Content-Type");
  }
  if (!body.empty() && !has_type) text += "Content-Type: application/json\r\n";
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    text += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  text += "\r\n" + body;
  // A kept-alive connection the server closed while idle fails on first use: retry once on a new
  // one, as browsers do. A fresh connection that fails is reported, never retried.
  for (;;) {
    bool const reused = fd_ >= 0;
    try {
      if (!reused) connect_once();
      send_all(text);
      return read_response();
    } catch (std::runtime_error const&) {
      if (fd_ >= 0) close(fd_);
      fd_ = -1;
      if (!reused) throw;
    }
  }
}

std::pair<std::string, std::uint16_t> parse_base_url(std::string const& url) {
  std::string rest = url;
  if (rest.rfind("http://", 0) == 0) rest = rest.substr(7);
  while (!rest.empty() && rest.back() == '/') rest.pop_back();
  auto colon = rest.rfind(':');
  if (colon == std::string::npos || colon == 0) throw std::invalid_argument("expected http://host:port, got " + url);
  int port = std::stoi(rest.substr(colon + 1));
  if (port <= 0 || port > 65535) throw std::invalid_argument("bad port in " + url);
  return {rest.substr(0, colon), static_cast<std::uint16_t>(port)};
}

}  // namespace kfn::runner

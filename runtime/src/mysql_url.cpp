// Parses mysql:// URLs by hand: the grammar is small and the password must never reach an error message.
#include "mysql_url.h"

#include <charconv>
#include <stdexcept>

namespace kfn::host {
namespace {

constexpr std::string_view kScheme = "mysql://";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// In userinfo '+' is a literal plus, unlike form encoding, so kfn::percent_decode does not fit.
std::string decode_userinfo(std::string_view text, char const* what) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    int const high = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
    int const low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
    if (high < 0 || low < 0)
      throw std::invalid_argument(std::string("mysql url: bad percent escape in ") + what);
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

unsigned parse_port(std::string_view text) {
  unsigned port = 0;
  auto const [end, error] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (error != std::errc() || end != text.data() + text.size() || port == 0 || port > 65535) {
    throw std::invalid_argument("mysql url: bad port '" + std::string(text) + "'");
  }
  return port;
}

// host, [v6]:port or host:port
void parse_host_port(std::string_view text, MysqlUrl& url) {
  std::string_view port_text;
  if (text.starts_with('[')) {
    auto const close = text.find(']');
    if (close == std::string_view::npos) throw std::invalid_argument("mysql url: unclosed '[' in host");
    url.host = std::string(text.substr(1, close - 1));
    auto const rest = text.substr(close + 1);
    if (!rest.empty() && !rest.starts_with(':')) throw std::invalid_argument("mysql url: junk after host");
    if (!rest.empty()) port_text = rest.substr(1);
  } else {
    auto const colon = text.rfind(':');
    url.host = std::string(text.substr(0, colon));
    if (colon != std::string_view::npos) port_text = text.substr(colon + 1);
  }
  if (url.host.empty()) throw std::invalid_argument("mysql url: missing host");
  if (!port_text.empty()) url.port = parse_port(port_text);
}

}  // namespace

std::string MysqlUrl::masked() const {
  std::string out(kScheme);
  out += user;
  if (!password.empty()) out += ":***";
  out += '@';
  out += host.find(':') == std::string::npos ? host : "[" + host + "]";
  out += ':' + std::to_string(port) + '/';
  return out;
}

MysqlUrl parse_mysql_url(std::string_view url) {
  if (!url.starts_with(kScheme)) throw std::invalid_argument("mysql url: must start with mysql://");
  auto rest = url.substr(kScheme.size());
  auto const at = rest.rfind('@');
  if (at == std::string_view::npos) throw std::invalid_argument("mysql url: missing user@");
  auto const userinfo = rest.substr(0, at);
  auto address = rest.substr(at + 1);

  // The schema belongs to each bounded context, so a path would be silently ignored: refuse it.
  auto const slash = address.find('/');
  if (slash != std::string_view::npos) {
    if (slash + 1 != address.size()) {
      throw std::invalid_argument(
          "mysql url: no schema or options after the host (each context names its own)");
    }
    address = address.substr(0, slash);
  }

  MysqlUrl parsed;
  auto const colon = userinfo.find(':');
  parsed.user = decode_userinfo(userinfo.substr(0, colon), "user");
  if (colon != std::string_view::npos)
    parsed.password = decode_userinfo(userinfo.substr(colon + 1), "password");
  if (parsed.user.empty()) throw std::invalid_argument("mysql url: missing user");
  parse_host_port(address, parsed);
  return parsed;
}

}  // namespace kfn::host

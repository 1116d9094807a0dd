#include "lib/webhook_target.h"

#include <algorithm>

#include "common/ids.h"

namespace notify {
namespace {

constexpr std::size_t kMaxUrlLength = 2048;

// Spaces and control characters would let the URL break out of the request line or a header.
bool has_unsafe_characters(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    auto const byte = static_cast<unsigned char>(c);
    return byte <= 0x20 || byte == 0x7F;
  });
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

// "host", "host:port", "[v6]" or "[v6]:port" into target.host and target.port.
std::variant<WebhookTarget, std::string> split_authority(std::string_view authority, WebhookTarget target) {
  std::string_view port_text;
  if (authority.starts_with('[')) {
    auto const close = authority.find(']');
    if (close == std::string_view::npos) return std::string("the webhook URL has an unclosed [IPv6] host");
    target.host = std::string(authority.substr(1, close - 1));
    auto const rest = authority.substr(close + 1);
    if (!rest.empty() && !rest.starts_with(':')) return std::string("the webhook URL's host is malformed");
    if (!rest.empty()) port_text = rest.substr(1);
  } else {
    auto const colon = authority.find(':');
    target.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
  }
  if (target.host.empty()) return std::string("the webhook URL has no host");
  if (authority.find('@') != std::string_view::npos)
    return std::string("the webhook URL must not carry credentials");
  if (!port_text.empty()) {
    auto const port = common::parse_id(port_text);
    if (port.result != common::IdParse::kOk || port.id > 65535)
      return std::string("the webhook URL's port is invalid");
    target.port = static_cast<std::uint16_t>(port.id);
  }
  return target;
}

}  // namespace

std::variant<WebhookTarget, std::string> parse_webhook_url(std::string_view url) {
  if (starts_with_ignoring_case(url, "https://")) {
    return std::string("https webhooks are not supported: use an http:// URL (e.g. a local TLS proxy)");
  }
  if (!starts_with_ignoring_case(url, "http://"))
    return std::string("the webhook URL must start with http://");
  if (url.size() > kMaxUrlLength || has_unsafe_characters(url)) {
    return std::string("the webhook URL is too long or holds spaces or control characters");
  }
  auto const rest = url.substr(7);
  auto const path_start = rest.find_first_of("/?#");
  auto const authority = rest.substr(0, path_start);
  WebhookTarget target;
  target.host_header = std::string(authority);
  if (path_start != std::string_view::npos) {
    auto path = rest.substr(path_start);
    path = path.substr(0, path.find('#'));  // a fragment never goes on the wire
    target.target = path.starts_with('/') ? std::string(path) : "/" + std::string(path);
  }
  return split_authority(authority, std::move(target));
}

}  // namespace notify

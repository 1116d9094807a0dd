// Where KFN_PUSH_WEBHOOK_URL points: plain http:// only (the runtime carries no TLS client; put a
// TLS-terminating proxy in front of an https endpoint).
//   auto target = notify::parse_webhook_url("http://127.0.0.1:9000/push");
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace notify {

struct WebhookTarget {
  std::string host;  // a name or an IP address, without brackets
  std::uint16_t port = 80;
  std::string target = "/";  // path and query, as sent on the request line
  std::string host_header;   // host[:port] as the URL spelled it
};

// The target, or why the URL cannot be used (a permanent problem: retrying will not fix it).
std::variant<WebhookTarget, std::string> parse_webhook_url(std::string_view url);

}  // namespace notify

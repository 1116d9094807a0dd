// A small blocking HTTP/1.1 client for one POST per connection, bounded by a deadline: enough to call
// a push webhook and learn its status code. Plain http only. Thread-safe (no shared state).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lib/webhook_target.h"

namespace notify {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct PostResult {
  int status = 0;     // the response's status code; 0 when no response came
  std::string error;  // why no response came (connection refused, timed out, ...)
};

// POSTs `body` as application/json. Name resolution is not bounded by `deadline` (it is the
// system resolver's); connecting, sending and waiting for the status line are.
PostResult post_json(WebhookTarget const& target, std::string const& body, HeaderList const& headers,
                     std::chrono::steady_clock::time_point deadline);

// The request's bytes: request line, Host, Content-Type, Content-Length, Connection: close, and
// `headers` (any with a line break left out).
std::string build_post_request(WebhookTarget const& target, std::string const& body,
                               HeaderList const& headers);

// The status code of "HTTP/1.x NNN ...", or nullopt when `head` does not start with one.
std::optional<int> parse_status_line(std::string_view head);

}  // namespace notify

// Whether a connection stays open after a response (RFC 9112 section 9.3): HTTP/1.1 persists unless
// a side says "close"; HTTP/1.0 persists only when the client asked for keep-alive.
#pragma once

#include <optional>
#include <string_view>

namespace kfn::http {

// `connection` is the request's Connection header, a comma-separated list of options.
bool client_wants_keep_alive(bool http_1_1, std::optional<std::string_view> connection);

}  // namespace kfn::http

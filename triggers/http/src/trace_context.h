// W3C Trace Context (traceparent): keep a caller's valid trace, start a new one otherwise.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kfn::http {

// version "-" trace-id (32 hex) "-" parent-id (16 hex) "-" flags (2 hex), lower case; ids not all
// zero; version ff is invalid; versions after 00 may append "-..." fields.
bool is_valid_traceparent(std::string_view value);
// A new sampled trace: 00-<random trace id>-<random parent id>-01.
std::string make_traceparent();
// The request's traceparent when valid, else a new one.
std::string choose_traceparent(std::optional<std::string_view> from_request);

}  // namespace kfn::http

// Unicode-aware text measures for validating user input: API.md bounds lengths in characters
// (code points), not bytes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace common {

// Number of code points in UTF-8 `text`; nullopt when it is not well-formed UTF-8 (overlong forms,
// surrogates and truncated sequences included).
std::optional<std::size_t> utf8_length(std::string_view text);

// True when `text` holds a C0 control character or DEL, which have no place in a one-line name.
bool has_control_characters(std::string_view text);

// ASCII-only lower-casing: identifiers (emails, usernames) are compared this way.
std::string ascii_lower(std::string_view text);

}  // namespace common

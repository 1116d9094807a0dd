// The edge's settings that an operator may override by environment (KFN_SSE_*). A value that is not
// a positive whole number is refused at start with the variable's name, instead of surfacing as a
// bare "stoll" error or, for a negative byte count, wrapping around to a bound that never bites.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kfn::sse {

// Parses `text` as a whole number in [1, 2^63); throws std::invalid_argument naming `name`.
std::int64_t positive_setting(std::string_view name, std::string_view text);

// The variable's value, or `fallback` when it is unset or empty.
std::chrono::milliseconds env_milliseconds(char const* name, std::chrono::milliseconds fallback);
std::size_t env_bytes(char const* name, std::size_t fallback);

}  // namespace kfn::sse

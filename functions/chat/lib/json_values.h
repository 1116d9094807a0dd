// Small readers and writers of JSON values the chat context shares between HTTP bodies and event
// data: nullable strings out, typed fields in (absent or mistyped fields read as nullopt).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace chat {

inline nlohmann::json nullable(std::optional<std::string> const& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

// An integer field > 0 that fits in int64.
std::optional<std::int64_t> positive_int(nlohmann::json const& object, std::string_view name);
std::optional<std::string> string_field(nlohmann::json const& object, std::string_view name);

}  // namespace chat

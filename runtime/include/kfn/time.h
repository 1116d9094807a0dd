// API.md's time format: RFC 3339 UTC with milliseconds, e.g. 2026-11-21T12:00:00.123Z.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace kfn {

std::string format_rfc3339(std::chrono::system_clock::time_point t);
// MySQL DATETIME(3) text ("2026-11-21 12:00:00.123", UTC) to RFC 3339; empty stays empty.
std::string rfc3339_from_sql(std::string_view sql_datetime);
// RFC 3339 time to MySQL DATETIME(3) text (UTC).
std::string sql_datetime(std::chrono::system_clock::time_point t);
std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text);

}  // namespace kfn

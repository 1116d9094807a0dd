// API.md's time format (RFC 3339 UTC, milliseconds) and MySQL DATETIME(3) text, both directions.
#include "kfn/time.h"

#include <cstdio>

namespace kfn {
namespace {

using std::chrono::milliseconds;
using std::chrono::system_clock;

// Formats with `date_time_separator` between date and time; the suffix follows the milliseconds.
std::string format_utc(system_clock::time_point t, char date_time_separator, char const* suffix) {
  auto const ms = std::chrono::floor<milliseconds>(t);
  auto const day = std::chrono::floor<std::chrono::days>(ms);
  std::chrono::year_month_day const ymd{day};
  std::chrono::hh_mm_ss<milliseconds> const hms{ms - day};
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u%c%02d:%02d:%02d.%03d%s", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), date_time_separator,
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()), static_cast<int>(hms.subseconds().count()), suffix);
  return buffer;
}

// Reads exactly `width` digits at `pos` into `out`, advancing `pos`.
bool read_digits(std::string_view text, std::size_t& pos, std::size_t width, int& out) {
  if (pos + width > text.size()) return false;
  out = 0;
  for (std::size_t i = 0; i < width; ++i) {
    char const c = text[pos + i];
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  pos += width;
  return true;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

// "YYYY-MM-DD?HH:MM:SS[.fraction]" where '?' is any of `separators`; leaves `pos` after it.
std::optional<system_clock::time_point> parse_date_time(std::string_view text, std::size_t& pos,
                                                        std::string_view separators) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!read_digits(text, pos, 4, year) || !expect(text, pos, '-') || !read_digits(text, pos, 2, month) ||
      !expect(text, pos, '-') || !read_digits(text, pos, 2, day)) {
    return std::nullopt;
  }
  if (pos >= text.size() || separators.find(text[pos]) == std::string_view::npos) return std::nullopt;
  ++pos;
  if (!read_digits(text, pos, 2, hour) || !expect(text, pos, ':') || !read_digits(text, pos, 2, minute) ||
      !expect(text, pos, ':') || !read_digits(text, pos, 2, second)) {
    return std::nullopt;
  }
  std::chrono::year_month_day const ymd{std::chrono::year{year},
                                        std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  // 60 would be a leap second, which system_clock cannot represent.
  if (!ymd.ok() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  long long fraction_ms = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    std::size_t digits = 0;
    for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos, ++digits) {
      if (digits < 3) fraction_ms = fraction_ms * 10 + (text[pos] - '0');
    }
    if (digits == 0) return std::nullopt;
    for (; digits < 3; ++digits) fraction_ms *= 10;
  }
  return system_clock::time_point{std::chrono::sys_days{ymd} + std::chrono::hours{hour} +
                                  std::chrono::minutes{minute} + std::chrono::seconds{second} +
                                  milliseconds{fraction_ms}};
}

}  // namespace

std::string format_rfc3339(system_clock::time_point t) { return format_utc(t, 'T', "Z"); }

std::string sql_datetime(system_clock::time_point t) { return format_utc(t, ' ', ""); }

std::string rfc3339_from_sql(std::string_view sql_datetime_text) {
  if (sql_datetime_text.empty()) return {};
  std::size_t pos = 0;
  auto const t = parse_date_time(sql_datetime_text, pos, " T");
  if (!t || pos != sql_datetime_text.size()) return std::string(sql_datetime_text);
  return format_rfc3339(*t);
}

std::optional<system_clock::time_point> parse_rfc3339(std::string_view text) {
  std::size_t pos = 0;
  auto t = parse_date_time(text, pos, "Tt ");
  if (!t || pos >= text.size()) return std::nullopt;
  if (text[pos] == 'Z' || text[pos] == 'z') return pos + 1 == text.size() ? t : std::nullopt;
  char const sign = text[pos++];
  if (sign != '+' && sign != '-') return std::nullopt;
  int hours = 0, minutes = 0;
  if (!read_digits(text, pos, 2, hours) || !expect(text, pos, ':') || !read_digits(text, pos, 2, minutes) ||
      pos != text.size() || hours > 23 || minutes > 59) {
    return std::nullopt;
  }
  auto const offset = std::chrono::hours{hours} + std::chrono::minutes{minutes};
  // Local time = UTC + offset, so UTC = local - offset.
  return sign == '+' ? *t - offset : *t + offset;
}

}  // namespace kfn

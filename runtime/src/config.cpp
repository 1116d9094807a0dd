// The convenience readers every Config gets on top of get().
#include "kfn/config.h"

#include <charconv>
#include <stdexcept>

namespace kfn {

std::string Config::get_or(std::string_view key, std::string_view fallback) const {
  auto value = get(key);
  return value ? std::move(*value) : std::string(fallback);
}

std::int64_t Config::get_int(std::string_view key, std::int64_t fallback) const {
  auto const value = get(key);
  if (!value) return fallback;
  std::int64_t parsed = 0;
  char const* const first = value->data();
  char const* const last = first + value->size();
  auto const [end, error] = std::from_chars(first, last, parsed);
  if (error != std::errc{} || end != last) {
    // The value itself is not shown: a misnamed key could be holding something sensitive.
    throw std::invalid_argument("config " + std::string(key) + " is not an integer");
  }
  return parsed;
}

}  // namespace kfn

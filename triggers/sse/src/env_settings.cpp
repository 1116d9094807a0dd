#include "env_settings.h"

#include <charconv>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace kfn::sse {
namespace {

char const* env_value(char const* name) {
  char const* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : nullptr;
}

}  // namespace

std::int64_t positive_setting(std::string_view name, std::string_view text) {
  std::int64_t value = 0;
  auto const [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 1) {
    throw std::invalid_argument(std::string(name) + " must be a positive whole number, got '" +
                                std::string(text) + "'");
  }
  return value;
}

std::chrono::milliseconds env_milliseconds(char const* name, std::chrono::milliseconds fallback) {
  char const* value = env_value(name);
  return value ? std::chrono::milliseconds(positive_setting(name, value)) : fallback;
}

std::size_t env_bytes(char const* name, std::size_t fallback) {
  char const* value = env_value(name);
  return value ? static_cast<std::size_t>(positive_setting(name, value)) : fallback;
}

}  // namespace kfn::sse

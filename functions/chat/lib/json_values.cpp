#include "lib/json_values.h"

#include <limits>

namespace chat {

std::optional<std::int64_t> positive_int(nlohmann::json const& object, std::string_view name) {
  if (!object.is_object()) return std::nullopt;
  auto const it = object.find(name);
  if (it == object.end()) return std::nullopt;
  if (it->is_number_unsigned()) {
    auto const raw = it->get<std::uint64_t>();
    if (raw == 0 || raw > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      return std::nullopt;
    return static_cast<std::int64_t>(raw);
  }
  if (it->is_number_integer() && it->get<std::int64_t>() > 0) return it->get<std::int64_t>();
  return std::nullopt;
}

std::optional<std::string> string_field(nlohmann::json const& object, std::string_view name) {
  if (!object.is_object()) return std::nullopt;
  auto const it = object.find(name);
  if (it == object.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

}  // namespace chat

#include "common/ids.h"

#include <algorithm>
#include <limits>
#include <string>

namespace common {

ParsedId parse_id(std::string_view text) {
  if (text.empty()) return {IdParse::kMalformed, 0};
  constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  std::uint64_t value = 0;
  bool overflow = false;
  for (char c : text) {
    if (c < '0' || c > '9') return {IdParse::kMalformed, 0};
    auto const digit = static_cast<std::uint64_t>(c - '0');
    if (!overflow && value > (kMax - digit) / 10) overflow = true;
    if (!overflow) value = value * 10 + digit;
  }
  if (overflow || value == 0) return {IdParse::kNoSuchId, 0};
  return {IdParse::kOk, static_cast<std::int64_t>(value)};
}

ValueOrResponse<std::int64_t> path_id(kfn::HttpRequest const& req, std::string_view name,
                                      std::string_view not_found_code) {
  auto const text = req.path_param(name);
  ParsedId const parsed = text ? parse_id(*text) : ParsedId{};
  switch (parsed.result) {
    case IdParse::kOk:
      return parsed.id;
    case IdParse::kNoSuchId:
      return kfn::error_response(404, not_found_code, "Not found");
    case IdParse::kMalformed:
      break;
  }
  return kfn::error_response(400, "invalid_parameter", std::string(name) + " must be a positive integer");
}

std::optional<std::vector<std::int64_t>> parse_id_list(std::string_view text, std::size_t max_items) {
  std::vector<std::int64_t> ids;
  if (text.empty()) return ids;
  std::size_t items = 0;
  while (true) {
    std::size_t const comma = text.find(',');
    ParsedId const parsed = parse_id(text.substr(0, comma));
    if (parsed.result != IdParse::kOk || ++items > max_items) return std::nullopt;
    if (std::find(ids.begin(), ids.end(), parsed.id) == ids.end()) ids.push_back(parsed.id);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return ids;
}

}  // namespace common

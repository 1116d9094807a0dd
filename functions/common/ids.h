// Ids from URLs: path parameters (`/messages/{room_id}`) and comma-separated query lists
// (`?user_ids=1,2,3`). Ids are positive 64-bit integers (API.md, Conventions).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "common/value_or_response.h"
#include "kfn/http.h"

namespace common {

enum class IdParse {
  kOk,
  kMalformed,  // not a plain decimal number
  kNoSuchId,   // a number, but no id can have it (0, or beyond int64)
};

struct ParsedId {
  IdParse result = IdParse::kMalformed;
  std::int64_t id = 0;
};

// Plain ASCII digits only: no sign, no spaces, no "0x".
ParsedId parse_id(std::string_view text);

// The id bound to `{name}` in the route. A malformed parameter is 400 `invalid_parameter`; a number
// no id can have is 404 with `not_found_code`, exactly what an unknown id would get.
ValueOrResponse<std::int64_t> path_id(kfn::HttpRequest const& req, std::string_view name,
                                      std::string_view not_found_code = "not_found");

// "1,2,3" -> {1, 2, 3}, duplicates removed (first kept). nullopt when an item is not a valid id or
// there are more than `max_items`. An empty text is an empty list.
std::optional<std::vector<std::int64_t>> parse_id_list(std::string_view text, std::size_t max_items);

}  // namespace common

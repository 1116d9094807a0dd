// The inputs of the notification routes, checked: GET /notifications' query and the body of
// POST /notifications/read. Problems become API.md's 422 `validation_failed`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <variant>
#include <vector>

#include "common/json_fields.h"
#include "kfn/http.h"

namespace notify {

inline constexpr std::int64_t kDefaultListLimit = 50;
inline constexpr std::int64_t kMaxListLimit = 100;
inline constexpr std::size_t kMaxReadIds = 100;

struct ListQuery {
  bool unread_only = false;
  std::int64_t limit = kDefaultListLimit;
};
// ?unread_only=true|false (also 1|0) & limit=1..100
std::variant<ListQuery, common::FieldErrors> parse_list_query(kfn::HttpRequest const& req);

struct ReadSelection {
  bool all = false;
  std::vector<std::int64_t> ids;  // when not `all`
};
// {"ids":[...]} or {"all":true}
std::variant<ReadSelection, common::FieldErrors> parse_read_request(nlohmann::json const& body);

}  // namespace notify

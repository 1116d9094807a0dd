#include "lib/history_query.h"

#include <optional>
#include <string>
#include <string_view>

#include "common/json_fields.h"

namespace chat {
namespace {

struct QueryNumber {
  bool malformed = false;
  std::optional<std::int64_t> value;  // unset when the parameter is absent
};

// Plain decimal digits that fit in int64; anything else (sign, spaces, empty) is malformed.
QueryNumber query_number(kfn::HttpRequest const& req, std::string_view name) {
  auto const text = req.query_param(name);
  if (!text) return {};
  if (text->empty() || text->size() > 18) return {true, std::nullopt};
  std::int64_t value = 0;
  for (char const c : *text) {
    if (c < '0' || c > '9') return {true, std::nullopt};
    value = value * 10 + (c - '0');
  }
  return {false, value};
}

kfn::HttpResponse malformed(std::string_view name) {
  return kfn::error_response(400, "invalid_parameter", std::string(name) + " must be a non-negative integer");
}

}  // namespace

common::ValueOrResponse<HistoryQuery> parse_history_query(kfn::HttpRequest const& req) {
  auto const before = query_number(req, "before_seq");
  auto const after = query_number(req, "after_seq");
  auto const limit = query_number(req, "limit");
  if (before.malformed) return malformed("before_seq");
  if (after.malformed) return malformed("after_seq");
  if (limit.malformed) return malformed("limit");

  common::FieldErrors errors;
  if (before.value && after.value) errors.add("after_seq", "cannot be combined with before_seq");
  if (limit.value && (*limit.value < 1 || *limit.value > kMaxPageSize)) {
    errors.add("limit", "must be between 1 and " + std::to_string(kMaxPageSize));
  }
  if (!errors.empty()) return errors.response();

  HistoryQuery query;
  if (limit.value) query.limit = *limit.value;
  if (after.value) {
    query.direction = PageDirection::kOldestFirst;
    query.bound = *after.value;
  } else if (before.value) {
    query.bound = *before.value;
  }
  return query;
}

HistoryPage make_page(std::vector<Message> fetched, std::int64_t limit) {
  HistoryPage page;
  auto const wanted = static_cast<std::size_t>(limit);
  page.has_more = fetched.size() > wanted;
  if (page.has_more) fetched.resize(wanted);
  page.messages = std::move(fetched);
  return page;
}

}  // namespace chat

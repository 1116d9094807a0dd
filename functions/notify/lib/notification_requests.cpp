#include "lib/notification_requests.h"

#include <optional>
#include <string>

#include "common/ids.h"

namespace notify {
namespace {

std::optional<bool> parse_flag(std::string const& text) {
  if (text == "true" || text == "1") return true;
  if (text == "false" || text == "0") return false;
  return std::nullopt;
}

}  // namespace

std::variant<ListQuery, common::FieldErrors> parse_list_query(kfn::HttpRequest const& req) {
  ListQuery query;
  common::FieldErrors errors;
  if (auto const text = req.query_param("unread_only")) {
    auto const flag = parse_flag(*text);
    if (flag)
      query.unread_only = *flag;
    else
      errors.add("unread_only", "must be true or false");
  }
  if (auto const text = req.query_param("limit")) {
    auto const parsed = common::parse_id(*text);
    if (parsed.result == common::IdParse::kOk && parsed.id <= kMaxListLimit)
      query.limit = parsed.id;
    else
      errors.add("limit", "must be an integer from 1 to " + std::to_string(kMaxListLimit));
  }
  if (!errors.empty()) return errors;
  return query;
}

std::variant<ReadSelection, common::FieldErrors> parse_read_request(nlohmann::json const& body) {
  common::FieldErrors errors;
  auto const all = common::optional_bool(body, "all", errors);
  if (!errors.empty()) return errors;
  if (all.value_or(false)) return ReadSelection{true, {}};
  auto ids = common::required_id_list(body, "ids", kMaxReadIds, errors);
  if (!ids) return errors;
  return ReadSelection{false, std::move(*ids)};
}

}  // namespace notify

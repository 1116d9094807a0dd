#include "lib/user_lookup.h"

#include "common/ids.h"
#include "common/utf8.h"

namespace users {
namespace {

nlohmann::json nullable(std::optional<std::string> const& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

bool is_username_character(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

std::optional<std::int64_t> read_limit(std::optional<std::string> const& text, common::FieldErrors& errors) {
  if (!text) return kSearchDefaultLimit;
  common::ParsedId const parsed = common::parse_id(*text);
  if (parsed.result != common::IdParse::kOk || parsed.id > kSearchMaxLimit) {
    errors.add("limit", "must be a whole number from 1 to " + std::to_string(kSearchMaxLimit));
    return std::nullopt;
  }
  return parsed.id;
}

}  // namespace

nlohmann::json public_user_json(Account const& account) {
  return {
      {"id", account.id},
      {"username", account.username},
      {"display_name", account.display_name},
      {"status_message", nullable(account.status_message)},
      {"avatar_url", nullable(account.avatar_url)},
  };
}

std::variant<std::vector<std::int64_t>, common::FieldErrors> read_user_ids(
    std::optional<std::string> const& text) {
  common::FieldErrors errors;
  if (!text) {
    errors.add("user_ids", "is required");
    return errors;
  }
  auto ids = common::parse_id_list(*text, kMaxBatchIds);
  if (!ids) {
    errors.add("user_ids", "must be a comma-separated list of at most " + std::to_string(kMaxBatchIds) +
                               " positive integer ids");
    return errors;
  }
  return std::move(*ids);
}

std::variant<SearchQuery, common::FieldErrors> read_search_query(std::optional<std::string> const& query,
                                                                 std::optional<std::string> const& limit) {
  common::FieldErrors errors;
  if (!query) {
    errors.add("query", "is required");
  } else if (auto problem = common::text_problem(*query, {1, kSearchQueryMaxLength})) {
    errors.add("query", std::move(*problem));
  }
  std::optional<std::int64_t> const parsed_limit = read_limit(limit, errors);
  if (!errors.empty()) return errors;
  return SearchQuery{*query, *parsed_limit};
}

std::string like_prefix(std::string_view text) {
  std::string pattern;
  pattern.reserve(text.size() + 2);
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  pattern += '%';
  return pattern;
}

std::optional<std::string> username_prefix_pattern(std::string_view text) {
  std::string const lower = common::ascii_lower(text);
  for (char c : lower) {
    if (!is_username_character(c)) return std::nullopt;
  }
  return like_prefix(lower);
}

}  // namespace users

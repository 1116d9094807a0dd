// The users lookups' rules as pure functions (API.md: GET /users/{id}, GET /users?user_ids=,
// GET /users/search): PublicUser, the id list and search parameters, and the LIKE prefix patterns.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/json_fields.h"
#include "lib/account.h"

namespace users {

inline constexpr std::size_t kMaxBatchIds = 100;
inline constexpr std::size_t kSearchQueryMaxLength = 50;
inline constexpr std::int64_t kSearchDefaultLimit = 20;
inline constexpr std::int64_t kSearchMaxLimit = 50;

// {id, username, display_name, status_message, avatar_url}. Presence (is_online, last_seen_at)
// belongs to the notify context, which serves it at GET /presence.
nlohmann::json public_user_json(Account const& account);

// `user_ids=1,2,3`: at most kMaxBatchIds positive ids, duplicates dropped (first kept).
std::variant<std::vector<std::int64_t>, common::FieldErrors> read_user_ids(
    std::optional<std::string> const& text);

struct SearchQuery {
  std::string text;  // 1-50 characters, as the client sent it
  std::int64_t limit = kSearchDefaultLimit;
};

// `query` (1-50 characters) and `limit` (1-50, default 20).
std::variant<SearchQuery, common::FieldErrors> read_search_query(std::optional<std::string> const& query,
                                                                 std::optional<std::string> const& limit);

// `text` with LIKE's wildcards and its escape character escaped by '\', then '%': matches every
// value that starts with `text`, taken literally.
std::string like_prefix(std::string_view text);

// The pattern for the username column (stored lower-case, only a-z 0-9 _), or nullopt when no
// username can start with `text`, so the column need not be searched (and the query, which may
// hold any Unicode, is never compared with the ASCII column).
std::optional<std::string> username_prefix_pattern(std::string_view text);

}  // namespace users

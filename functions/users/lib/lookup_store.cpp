#include "lib/lookup_store.h"

#include <map>
#include <optional>
#include <string>

namespace users {
namespace {

// The condition on names: display_name's collation (utf8mb4_unicode_ci) ignores case; usernames are
// stored lower-case and searched only when one could start with the query.
std::string name_condition(SearchQuery const& query, kfn::SqlParams& params) {
  static constexpr char kDisplayName[] = "display_name LIKE ? ESCAPE '\\\\'";
  std::optional<std::string> username_pattern = username_prefix_pattern(query.text);
  if (!username_pattern) {
    params.emplace_back(like_prefix(query.text));
    return kDisplayName;
  }
  params.emplace_back(std::move(*username_pattern));
  params.emplace_back(like_prefix(query.text));
  return std::string("(username LIKE ? ESCAPE '\\\\' OR ") + kDisplayName + ")";
}

}  // namespace

std::vector<Account> find_accounts(kfn::Database& db, std::vector<std::int64_t> const& ids) {
  std::vector<Account> accounts;
  if (ids.empty()) return accounts;
  std::string sql = std::string("SELECT ") + kAccountColumns + " FROM accounts WHERE id IN (?";
  for (std::size_t i = 1; i < ids.size(); ++i) sql += ", ?";
  sql += ")";
  std::map<std::int64_t, Account> found;
  for (auto const& row : db.execute(sql, kfn::SqlParams(ids.begin(), ids.end())).rows) {
    Account account = account_from_row(row);
    found.emplace(account.id, std::move(account));
  }
  for (std::int64_t id : ids) {
    if (auto const it = found.find(id); it != found.end()) accounts.push_back(std::move(it->second));
  }
  return accounts;
}

std::vector<Account> search_accounts(kfn::Database& db, std::int64_t caller_id, SearchQuery const& query) {
  kfn::SqlParams params;
  params.emplace_back(caller_id);
  std::string const names = name_condition(query, params);
  params.emplace_back(caller_id);
  params.emplace_back(query.limit);
  std::string const sql = std::string("SELECT ") + kAccountColumns + " FROM accounts a WHERE a.id <> ? AND " +
                          names +
                          " AND NOT EXISTS (SELECT 1 FROM user_blocks b WHERE b.blocker_id = a.id"
                          " AND b.blocked_id = ? AND b.blocked = 1)"
                          " ORDER BY a.username LIMIT ?";
  std::vector<Account> accounts;
  for (auto const& row : db.execute(sql, params).rows) accounts.push_back(account_from_row(row));
  return accounts;
}

}  // namespace users

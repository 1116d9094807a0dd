#include "lib/projection_store.h"

#include "kfn/time.h"
#include "lib/sql_lists.h"

namespace notify {
namespace {

kfn::SqlValue optional_sql_time(nlohmann::json const& rfc3339) {
  if (!rfc3339.is_string()) return nullptr;
  auto const parsed = kfn::parse_rfc3339(rfc3339.get<std::string>());
  if (!parsed) return nullptr;
  return kfn::sql_datetime(*parsed);
}

std::vector<std::int64_t> first_column(kfn::SqlResult const& result) {
  std::vector<std::int64_t> ids;
  ids.reserve(result.rows.size());
  for (auto const& row : result.rows) ids.push_back(row.int64(0));
  return ids;
}

}  // namespace

void apply_friendship(kfn::Transaction& tx, FriendshipChange const& change, std::string const& changed_at) {
  // MySQL evaluates the assignments left to right: are_friends still compares with the old changed_at.
  std::int64_t const friends = change.are_friends ? 1 : 0;
  tx.execute(
      "INSERT INTO friendships (user_id, friend_id, are_friends, changed_at) VALUES (?, ?, ?, ?), (?, ?, ?, "
      "?) "
      "ON DUPLICATE KEY UPDATE "
      "are_friends = IF(VALUES(changed_at) >= changed_at, VALUES(are_friends), are_friends), "
      "changed_at = GREATEST(changed_at, VALUES(changed_at))",
      {change.user_id, change.other_id, friends, changed_at, change.other_id, change.user_id, friends,
       changed_at});
}

void apply_presence(kfn::Transaction& tx, PresenceChange const& change, std::string const& changed_at) {
  std::int64_t const online = change.online ? 1 : 0;
  tx.execute(
      "INSERT INTO presence (user_id, online, last_seen_at, changed_at) VALUES (?, ?, ?, ?) "
      "ON DUPLICATE KEY UPDATE "
      "online = IF(VALUES(changed_at) >= changed_at, VALUES(online), online), "
      "last_seen_at = IF(VALUES(changed_at) >= changed_at, VALUES(last_seen_at), last_seen_at), "
      "changed_at = GREATEST(changed_at, VALUES(changed_at))",
      {change.user_id, online, optional_sql_time(change.last_seen_at), changed_at});
}

std::vector<std::int64_t> friends_of(kfn::Transaction& tx, std::int64_t user_id) {
  return first_column(
      tx.execute("SELECT friend_id FROM friendships WHERE user_id = ? AND are_friends = 1 ORDER BY friend_id",
                 {user_id}));
}

std::set<std::int64_t> friends_among(kfn::Database& db, std::int64_t user_id,
                                     std::vector<std::int64_t> const& candidates) {
  if (candidates.empty()) return {};
  kfn::SqlParams params{user_id};
  append_ids(params, candidates);
  auto const ids =
      first_column(db.execute("SELECT friend_id FROM friendships WHERE user_id = ? AND are_friends = 1 "
                              "AND friend_id IN (" +
                                  placeholders(candidates.size()) + ")",
                              params));
  return {ids.begin(), ids.end()};
}

std::set<std::int64_t> online_among(kfn::Transaction& tx, std::vector<std::int64_t> const& user_ids) {
  if (user_ids.empty()) return {};
  kfn::SqlParams params;
  append_ids(params, user_ids);
  auto const ids = first_column(tx.execute(
      "SELECT user_id FROM presence WHERE online = 1 AND user_id IN (" + placeholders(user_ids.size()) + ")",
      params));
  return {ids.begin(), ids.end()};
}

bool is_online(kfn::Database& db, std::int64_t user_id) {
  return !db.execute("SELECT 1 FROM presence WHERE user_id = ? AND online = 1", {user_id}).rows.empty();
}

std::map<std::int64_t, PresenceRow> presence_of(kfn::Database& db,
                                                std::vector<std::int64_t> const& user_ids) {
  std::map<std::int64_t, PresenceRow> known;
  if (user_ids.empty()) return known;
  kfn::SqlParams params;
  append_ids(params, user_ids);
  auto const result = db.execute("SELECT user_id, online, last_seen_at FROM presence WHERE user_id IN (" +
                                     placeholders(user_ids.size()) + ")",
                                 params);
  for (auto const& row : result.rows) {
    PresenceRow presence{row.int64(0), row.int64(1) != 0, kfn::rfc3339_from_sql(row.opt_str(2).value_or(""))};
    known.emplace(presence.user_id, std::move(presence));
  }
  return known;
}

}  // namespace notify

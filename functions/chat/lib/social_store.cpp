#include "lib/social_store.h"

#include <algorithm>

#include "lib/id_list.h"
#include "lib/room_store.h"

namespace chat {
namespace {

constexpr char kBlockedEitherWay[] =
    "SELECT COUNT(*) FROM block_pairs WHERE blocked = 1 AND "
    "((blocker_id = ? AND blocked_id = ?) OR (blocker_id = ? AND blocked_id = ?))";

// The ids of a JSON array (first parameter) that are not friends of the user (second and third).
constexpr char kStrangersAmong[] =
    "SELECT j.id FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) j "
    "LEFT JOIN friend_pairs f ON f.user_low = LEAST(?, j.id) AND f.user_high = GREATEST(?, j.id) "
    "AND f.friends = 1 WHERE f.user_low IS NULL";

}  // namespace

void record_friendship(kfn::Transaction& tx, std::int64_t a, std::int64_t b, bool friends,
                       std::string const& at_sql) {
  // `friends` is assigned before `changed_at`, so its condition still sees the old changed_at.
  tx.execute(
      "INSERT INTO friend_pairs (user_low, user_high, friends, changed_at) VALUES (?, ?, ?, ?) "
      "ON DUPLICATE KEY UPDATE friends = IF(VALUES(changed_at) >= changed_at, VALUES(friends), friends), "
      "changed_at = GREATEST(changed_at, VALUES(changed_at))",
      {std::min(a, b), std::max(a, b), std::int64_t{friends ? 1 : 0}, at_sql});
}

void record_block(kfn::Transaction& tx, std::int64_t blocker, std::int64_t blocked, bool is_blocked,
                  std::string const& at_sql) {
  tx.execute(
      "INSERT INTO block_pairs (blocker_id, blocked_id, blocked, changed_at) VALUES (?, ?, ?, ?) "
      "ON DUPLICATE KEY UPDATE blocked = IF(VALUES(changed_at) >= changed_at, VALUES(blocked), blocked), "
      "changed_at = GREATEST(changed_at, VALUES(changed_at))",
      {blocker, blocked, std::int64_t{is_blocked ? 1 : 0}, at_sql});
}

void refresh_direct_room_block(kfn::Transaction& tx, std::int64_t a, std::int64_t b) {
  tx.execute(std::string("UPDATE rooms SET blocked = (") + kBlockedEitherWay + ") > 0 WHERE direct_key = ?",
             {a, b, b, a, direct_key(a, b)});
}

bool are_friends(Sql sql, std::int64_t a, std::int64_t b) {
  return !sql.run("SELECT 1 FROM friend_pairs WHERE user_low = ? AND user_high = ? AND friends = 1",
                  {std::min(a, b), std::max(a, b)})
              .rows.empty();
}

bool blocked_between(Sql sql, std::int64_t a, std::int64_t b) {
  return sql.run(kBlockedEitherWay, {a, b, b, a}).rows.at(0).int64(0) > 0;
}

std::vector<std::int64_t> not_friends_of(Sql sql, std::int64_t user,
                                         std::vector<std::int64_t> const& candidates) {
  if (candidates.empty()) return {};
  auto const result = sql.run(kStrangersAmong, {id_list_json(candidates), user, user});
  std::vector<std::int64_t> strangers;
  for (auto const candidate : candidates) {
    bool const listed = std::any_of(result.rows.begin(), result.rows.end(),
                                    [&](auto const& row) { return row.int64(0) == candidate; });
    if (listed) strangers.push_back(candidate);
  }
  return strangers;
}

}  // namespace chat

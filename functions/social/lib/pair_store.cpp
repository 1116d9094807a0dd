#include "lib/pair_store.h"

#include <algorithm>

namespace social {
namespace {

kfn::SqlParams ordered(Pair pair) {
  return {std::min(pair.self, pair.other), std::max(pair.self, pair.other)};
}

bool flag(kfn::Row const& row, std::size_t column) { return row.opt_int64(column).value_or(0) != 0; }

void delete_requests_both_ways(kfn::Transaction& tx, Pair pair) {
  tx.execute(
      "DELETE FROM friend_requests WHERE (requester_id = ? AND target_id = ?) OR (requester_id = ? AND "
      "target_id = ?)",
      {pair.self, pair.other, pair.other, pair.self});
}

}  // namespace

void ensure_pair_row(kfn::Database& db, Pair pair) {
  db.execute("INSERT IGNORE INTO pairs (low_id, high_id) VALUES (?, ?)", ordered(pair));
}

bool lock_pair(kfn::Transaction& tx, Pair pair) {
  return !tx.execute("SELECT low_id FROM pairs WHERE low_id = ? AND high_id = ? FOR UPDATE", ordered(pair))
              .rows.empty();
}

PairState load_pair_state(kfn::Transaction& tx, Pair pair) {
  auto const result = tx.execute(
      "SELECT"
      " EXISTS(SELECT 1 FROM friendships WHERE user_id = ? AND friend_id = ?),"
      " EXISTS(SELECT 1 FROM friend_requests WHERE requester_id = ? AND target_id = ?),"
      " EXISTS(SELECT 1 FROM friend_requests WHERE requester_id = ? AND target_id = ?),"
      " EXISTS(SELECT 1 FROM blocks WHERE blocker_id = ? AND blocked_id = ?),"
      " EXISTS(SELECT 1 FROM blocks WHERE blocker_id = ? AND blocked_id = ?)",
      {pair.self, pair.other, pair.self, pair.other, pair.other, pair.self, pair.self, pair.other, pair.other,
       pair.self});
  PairState state;
  if (result.rows.empty()) return state;
  auto const& row = result.rows.front();
  state.friends = flag(row, 0);
  state.self_requested = flag(row, 1);
  state.other_requested = flag(row, 2);
  state.self_blocked = flag(row, 3);
  state.other_blocked = flag(row, 4);
  return state;
}

void insert_request(kfn::Transaction& tx, std::int64_t requester, std::int64_t target,
                    std::string const& now_sql) {
  tx.execute("INSERT INTO friend_requests (requester_id, target_id, created_at) VALUES (?, ?, ?)",
             {requester, target, now_sql});
}

void delete_request(kfn::Transaction& tx, std::int64_t requester, std::int64_t target) {
  tx.execute("DELETE FROM friend_requests WHERE requester_id = ? AND target_id = ?", {requester, target});
}

void make_friends(kfn::Transaction& tx, Pair pair, std::string const& since_sql) {
  delete_requests_both_ways(tx, pair);
  tx.execute("INSERT INTO friendships (user_id, friend_id, since) VALUES (?, ?, ?), (?, ?, ?)",
             {pair.self, pair.other, since_sql, pair.other, pair.self, since_sql});
}

void remove_friendship(kfn::Transaction& tx, Pair pair) {
  tx.execute(
      "DELETE FROM friendships WHERE (user_id = ? AND friend_id = ?) OR (user_id = ? AND friend_id = ?)",
      {pair.self, pair.other, pair.other, pair.self});
}

void block_other(kfn::Transaction& tx, Pair pair, std::string const& now_sql) {
  tx.execute("INSERT INTO blocks (blocker_id, blocked_id, created_at) VALUES (?, ?, ?)",
             {pair.self, pair.other, now_sql});
  remove_friendship(tx, pair);
  delete_requests_both_ways(tx, pair);
}

void unblock_other(kfn::Transaction& tx, Pair pair) {
  tx.execute("DELETE FROM blocks WHERE blocker_id = ? AND blocked_id = ?", {pair.self, pair.other});
}

}  // namespace social

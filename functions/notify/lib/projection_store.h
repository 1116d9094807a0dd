// The notify schema's projections in MySQL: friendships (both directions per pair) and presence.
// Writers order rows by the time the event happened, so replays and late events are harmless.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "kfn/db.h"
#include "lib/projections.h"

namespace notify {

// `changed_at` is MySQL DATETIME(3) text of when the change happened.
void apply_friendship(kfn::Transaction& tx, FriendshipChange const& change, std::string const& changed_at);
void apply_presence(kfn::Transaction& tx, PresenceChange const& change, std::string const& changed_at);

// Everyone `user_id` is friends with now.
std::vector<std::int64_t> friends_of(kfn::Transaction& tx, std::int64_t user_id);
// Those of `candidates` who are friends of `user_id`.
std::set<std::int64_t> friends_among(kfn::Database& db, std::int64_t user_id,
                                     std::vector<std::int64_t> const& candidates);
// Those of `user_ids` with an SSE stream open.
std::set<std::int64_t> online_among(kfn::Transaction& tx, std::vector<std::int64_t> const& user_ids);
bool is_online(kfn::Database& db, std::int64_t user_id);

struct PresenceRow {
  std::int64_t user_id = 0;
  bool online = false;
  std::string last_seen_at;  // RFC 3339, empty when never seen
};
// The presence rows known for `user_ids`, by user id.
std::map<std::int64_t, PresenceRow> presence_of(kfn::Database& db, std::vector<std::int64_t> const& user_ids);

}  // namespace notify

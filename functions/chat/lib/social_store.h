// The chat context's projection of friendships and blocks (from friend.events), and the questions
// the room rules ask of it. Facts about one pair may arrive out of order (friend.events is keyed by
// the actor), so every write keeps whichever fact is newest by its occurred_at.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kfn/db.h"
#include "lib/sql.h"

namespace chat {

// `at_sql` is the fact's occurred_at as MySQL DATETIME(3) text.
void record_friendship(kfn::Transaction& tx, std::int64_t a, std::int64_t b, bool friends,
                       std::string const& at_sql);
void record_block(kfn::Transaction& tx, std::int64_t blocker, std::int64_t blocked, bool is_blocked,
                  std::string const& at_sql);
// Sets rooms.blocked of the pair's direct room (if any) from the blocks in force either way.
void refresh_direct_room_block(kfn::Transaction& tx, std::int64_t a, std::int64_t b);

bool are_friends(Sql sql, std::int64_t a, std::int64_t b);
// True while either of the two blocks the other.
bool blocked_between(Sql sql, std::int64_t a, std::int64_t b);
// The ids in `candidates` that are not friends of `user`, in their order.
std::vector<std::int64_t> not_friends_of(Sql sql, std::int64_t user,
                                         std::vector<std::int64_t> const& candidates);

}  // namespace chat

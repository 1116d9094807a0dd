// The SQL of one pair of users: its lock row, its state, and the changes the friends routes make.
// Every statement is parameterized. A pair is always written from the caller's side (self, other).
#pragma once

#include <cstdint>
#include <string>

#include "kfn/db.h"
#include "lib/pair_state.h"

namespace social {

struct Pair {
  std::int64_t self = 0;
  std::int64_t other = 0;
};

// Creates the pair's lock row if it is missing. Autocommitted on its own, before the transaction
// that locks it, so two transactions never race to insert it (which could deadlock).
void ensure_pair_row(kfn::Database& db, Pair pair);

// Locks the pair's row until the transaction ends; false when the pair never had a relation (no
// row), in which case there is nothing to remove either. Must be the transaction's first statement:
// plain reads see the snapshot taken at the first plain read, which must come after the lock.
bool lock_pair(kfn::Transaction& tx, Pair pair);

// The pair's state; read only while the lock is held.
PairState load_pair_state(kfn::Transaction& tx, Pair pair);

void insert_request(kfn::Transaction& tx, std::int64_t requester, std::int64_t target,
                    std::string const& now_sql);
void delete_request(kfn::Transaction& tx, std::int64_t requester, std::int64_t target);
// Friends from `since_sql` on; also deletes pending requests both ways.
void make_friends(kfn::Transaction& tx, Pair pair, std::string const& since_sql);
void remove_friendship(kfn::Transaction& tx, Pair pair);
// The caller blocks the other: the block row, and no friendship or pending request either way.
void block_other(kfn::Transaction& tx, Pair pair, std::string const& now_sql);
void unblock_other(kfn::Transaction& tx, Pair pair);

}  // namespace social

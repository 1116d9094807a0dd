// The SQL of the users lookups: accounts by ids, and the prefix search that leaves out the caller
// and whoever blocked them (user_blocks, the projection of friend.events). Parameterized only.
#pragma once

#include <cstdint>
#include <vector>

#include "kfn/db.h"
#include "lib/account.h"
#include "lib/user_lookup.h"

namespace users {

// The accounts that exist among `ids`, in the order of `ids`.
std::vector<Account> find_accounts(kfn::Database& db, std::vector<std::int64_t> const& ids);

// Accounts whose username or display name starts with the query (case-insensitive), by username.
std::vector<Account> search_accounts(kfn::Database& db, std::int64_t caller_id, SearchQuery const& query);

}  // namespace users

// The chat context's projection of public profiles (from user.events), and the member lists built
// from it. A fact from user.events wins over an older one; a friend.events snapshot only fills in a
// user the projection has not heard of yet.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kfn/db.h"
#include "lib/public_user.h"
#include "lib/sql.h"

namespace chat {

// UserRegistered. `at_sql` is the fact's occurred_at as MySQL DATETIME(3) text.
void apply_user_registered(kfn::Transaction& tx, std::int64_t id, std::string const& username,
                           std::string const& display_name, std::string const& at_sql);
// UserProfileUpdated.
void apply_profile_updated(kfn::Transaction& tx, PublicUser const& profile, std::string const& at_sql);
void fill_in_user(kfn::Transaction& tx, PublicUser const& snapshot);

// The users in `ids` order; ones the projection lacks come back with only their id.
std::vector<PublicUser> load_users(Sql sql, std::vector<std::int64_t> const& ids);

}  // namespace chat

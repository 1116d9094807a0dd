// Login sessions: an access token from the runtime plus a rotating refresh token, both remembered
// in one refresh family so that logout or a stolen-token signal can end the session at once.
#pragma once

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "kfn/auth.h"
#include "kfn/context.h"
#include "kfn/db.h"
#include "lib/account.h"

namespace users {

inline constexpr std::int64_t kDefaultRefreshTtlDays = 30;

// KFN_REFRESH_TTL_DAYS, or 30 days.
std::chrono::seconds refresh_ttl(kfn::Config const& config);

std::int64_t unix_seconds(std::chrono::system_clock::time_point t);

// Issues an access token and a new refresh token in `family_id`, writing the refresh token's hash
// in `tx` (the caller commits). Returns API.md's Token body.
nlohmann::json start_session(kfn::Context& ctx, kfn::Transaction& tx, Account const& account,
                             std::string const& family_id, std::chrono::seconds refresh_ttl);

// Revokes every refresh token of the family and the family's still-valid access tokens.
void end_family(kfn::Context& ctx, kfn::Transaction& tx, std::string const& family_id);

}  // namespace users

// The SQL of the refresh_tokens table. Tokens are found by the SHA-256 of what the client holds;
// the token itself is never stored.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kfn/db.h"

namespace users {

struct RefreshTokenRow {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string family_id;
  std::string expires_at;  // DATETIME(3) text, UTC
  bool used = false;
  bool revoked = false;
};

struct NewRefreshToken {
  std::int64_t user_id = 0;
  std::string family_id;
  std::string token_hash;  // 32 raw bytes
  std::string access_jti;
  std::int64_t access_expires_at = 0;  // unix seconds
  std::string created_at;              // DATETIME(3) text
  std::string expires_at;
};

// An access token issued alongside a refresh token, to revoke when its family is revoked.
struct FamilyAccessToken {
  std::string jti;
  std::int64_t expires_at = 0;
};

void insert_refresh_token(kfn::Transaction& tx, NewRefreshToken const& token);

// The row of `token_hash`, locked until the transaction ends, so two uses of one token serialize.
std::optional<RefreshTokenRow> lock_refresh_token(kfn::Transaction& tx, std::string const& token_hash);

// Marks the row used; false when another use got there first.
bool mark_refresh_token_used(kfn::Transaction& tx, std::int64_t id, std::string const& now_sql);

// The family of the refresh token issued together with access token `jti` of `user_id`.
std::optional<std::string> family_of_access_token(kfn::Transaction& tx, std::int64_t user_id,
                                                  std::string const& jti);

// Access tokens of the family that are still unexpired at `now_unix`.
std::vector<FamilyAccessToken> live_access_tokens(kfn::Transaction& tx, std::string const& family_id,
                                                  std::int64_t now_unix);

// Sets revoked_at on every row of the family that is not revoked yet.
void revoke_refresh_family(kfn::Transaction& tx, std::string const& family_id, std::string const& now_sql);

// True when DATETIME(3) text `expires_at` is not after `now_sql` (same fixed-width format, so text
// order is time order).
bool has_expired(std::string const& expires_at, std::string const& now_sql);

}  // namespace users

#include "lib/refresh_store.h"

#include "lib/token_crypto.h"

namespace users {

// Hashes travel as hex through UNHEX(), so binary bytes never depend on how strings are bound.
void insert_refresh_token(kfn::Transaction& tx, NewRefreshToken const& token) {
  tx.execute(
      "INSERT INTO refresh_tokens (user_id, family_id, token_hash, access_jti, access_expires_at, created_at,"
      " expires_at) VALUES (?, ?, UNHEX(?), ?, ?, ?, ?)",
      {token.user_id, token.family_id, hex_encode(token.token_hash), token.access_jti,
       token.access_expires_at, token.created_at, token.expires_at});
}

std::optional<RefreshTokenRow> lock_refresh_token(kfn::Transaction& tx, std::string const& token_hash) {
  auto const result = tx.execute(
      "SELECT id, user_id, family_id, expires_at, used_at IS NOT NULL, revoked_at IS NOT NULL"
      " FROM refresh_tokens WHERE token_hash = UNHEX(?) FOR UPDATE",
      {hex_encode(token_hash)});
  if (result.rows.empty()) return std::nullopt;
  kfn::Row const& row = result.rows.front();
  return RefreshTokenRow{row.int64(0), row.int64(1),      row.str(2),
                         row.str(3),   row.int64(4) != 0, row.int64(5) != 0};
}

bool mark_refresh_token_used(kfn::Transaction& tx, std::int64_t id, std::string const& now_sql) {
  auto const result =
      tx.execute("UPDATE refresh_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL", {now_sql, id});
  return result.affected_rows == 1;
}

std::optional<std::string> family_of_access_token(kfn::Transaction& tx, std::int64_t user_id,
                                                  std::string const& jti) {
  auto const result = tx.execute(
      "SELECT family_id FROM refresh_tokens WHERE access_jti = ? AND user_id = ? LIMIT 1", {jti, user_id});
  if (result.rows.empty()) return std::nullopt;
  return result.rows.front().str(0);
}

std::vector<FamilyAccessToken> live_access_tokens(kfn::Transaction& tx, std::string const& family_id,
                                                  std::int64_t now_unix) {
  auto const result = tx.execute(
      "SELECT access_jti, access_expires_at FROM refresh_tokens WHERE family_id = ? AND access_expires_at > "
      "?",
      {family_id, now_unix});
  std::vector<FamilyAccessToken> tokens;
  for (kfn::Row const& row : result.rows) tokens.push_back({row.str(0), row.int64(1)});
  return tokens;
}

void revoke_refresh_family(kfn::Transaction& tx, std::string const& family_id, std::string const& now_sql) {
  tx.execute("UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL",
             {now_sql, family_id});
}

bool has_expired(std::string const& expires_at, std::string const& now_sql) { return expires_at <= now_sql; }

}  // namespace users

#include "lib/sessions.h"

#include <stdexcept>

#include "kfn/time.h"
#include "lib/refresh_store.h"
#include "lib/token_crypto.h"

namespace users {

std::chrono::seconds refresh_ttl(kfn::Config const& config) {
  std::int64_t const days = config.get_int("KFN_REFRESH_TTL_DAYS", kDefaultRefreshTtlDays);
  if (days < 1 || days > 3650) throw std::invalid_argument("KFN_REFRESH_TTL_DAYS must be between 1 and 3650");
  return std::chrono::hours(24 * days);
}

std::int64_t unix_seconds(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

nlohmann::json start_session(kfn::Context& ctx, kfn::Transaction& tx, Account const& account,
                             std::string const& family_id, std::chrono::seconds refresh_ttl) {
  auto const now = ctx.now();
  kfn::AccessToken const access = ctx.tokens().issue(account.id);
  std::string const refresh_token = new_refresh_token();
  insert_refresh_token(tx, NewRefreshToken{account.id, family_id, sha256(refresh_token), access.jti,
                                           unix_seconds(now) + access.expires_in, kfn::sql_datetime(now),
                                           kfn::sql_datetime(now + refresh_ttl)});
  return token_json(access, refresh_token, account);
}

void end_family(kfn::Context& ctx, kfn::Transaction& tx, std::string const& family_id) {
  auto const now = ctx.now();
  // Access tokens first: if Redis is down this throws and the whole revocation is retried later.
  for (FamilyAccessToken const& token : live_access_tokens(tx, family_id, unix_seconds(now))) {
    ctx.tokens().revoke(token.jti, token.expires_at);
  }
  revoke_refresh_family(tx, family_id, kfn::sql_datetime(now));
}

}  // namespace users

#include "lib/refresh_handler.h"

#include "common/json_fields.h"
#include "common/request_body.h"
#include "kfn/time.h"
#include "lib/accounts_store.h"
#include "lib/refresh_store.h"
#include "lib/responses.h"
#include "lib/sessions.h"
#include "lib/token_crypto.h"

namespace users {
namespace {

// Generous for the 43 characters we issue, small enough that nobody hashes megabytes.
constexpr common::TextBounds kRefreshTokenBounds{1, 256};

// Runs with the token's row locked, so a concurrent use of the same token waits and then sees
// it used. Returns the Token body, or the 401 to send.
kfn::HttpResponse rotate(kfn::Context& ctx, kfn::Transaction& tx, RefreshTokenRow const& row,
                         std::chrono::seconds refresh_ttl) {
  std::string const now_sql = kfn::sql_datetime(ctx.now());
  if (row.revoked) return unauthorized();
  // Reuse is checked before expiry: a replayed old token still signals a copy of the family.
  if (row.used) {
    ctx.log().warn("refresh token reused; revoking its family", {{"user_id", row.user_id}});
    ctx.metrics().count("refresh_token_reuse");
    end_family(ctx, tx, row.family_id);
    tx.commit();
    return unauthorized();
  }
  if (has_expired(row.expires_at, now_sql)) return unauthorized();
  if (!mark_refresh_token_used(tx, row.id, now_sql)) return unauthorized();
  std::optional<Account> const account = lock_account(tx, row.user_id);
  if (!account) return unauthorized();
  nlohmann::json token = start_session(ctx, tx, *account, row.family_id, refresh_ttl);
  tx.commit();
  return kfn::json_response(200, token);
}

}  // namespace

kfn::HttpResponse handle_refresh(kfn::HttpRequest const& req, kfn::Context& ctx,
                                 std::chrono::seconds refresh_ttl) {
  auto body = common::json_object_body(req);
  if (!body.ok()) return body.response();
  common::FieldErrors errors;
  auto const refresh_token =
      common::required_string(body.value(), "refresh_token", kRefreshTokenBounds, errors);
  if (!errors.empty()) return errors.response();

  auto tx = ctx.db().begin();
  std::optional<RefreshTokenRow> const row = lock_refresh_token(*tx, sha256(*refresh_token));
  if (!row) return unauthorized();
  return rotate(ctx, *tx, *row, refresh_ttl);
}

}  // namespace users

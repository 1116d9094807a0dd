#include "lib/login_handler.h"

#include "lib/accounts_store.h"
#include "lib/responses.h"
#include "lib/sessions.h"
#include "lib/token_crypto.h"

namespace users {

LoginSettings make_login_settings(kfn::Config const& config) {
  LoginSettings settings;
  settings.dummy_hash = hash_password(base64url_encode(random_bytes(24)), argon2_params(config));
  settings.policy = rate_limit_policy(config);
  settings.refresh_ttl = refresh_ttl(config);
  return settings;
}

kfn::HttpResponse handle_login(LoginAttempt const& attempt, kfn::HttpRequest const& req, kfn::Context& ctx,
                               LoginSettings const& settings) {
  LoginKeys const keys = login_keys(attempt.identifier, req.remote_address);
  RateLimitDecision const decision = check_login(ctx.redis(), keys, settings.policy);
  if (!decision.allowed) {
    ctx.metrics().count("login_rate_limited");
    return rate_limited(decision.retry_after_seconds);
  }

  std::optional<Account> const account = find_account_for_login(ctx.db(), attempt);
  // Verify even without an account, and only then look at whether there was one.
  bool const password_ok =
      verify_password(account ? account->password_hash : settings.dummy_hash, attempt.password);
  if (!account || !password_ok) {
    record_login_failure(ctx.redis(), keys, settings.policy);
    ctx.metrics().count("login_failed");
    return invalid_credentials();
  }

  auto tx = ctx.db().begin();
  nlohmann::json token = start_session(ctx, *tx, *account, new_family_id(), settings.refresh_ttl);
  tx->commit();
  ctx.metrics().count("login_succeeded");
  return kfn::json_response(200, token);
}

}  // namespace users

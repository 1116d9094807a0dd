#include "lib/profile_handlers.h"

#include "common/request_body.h"
#include "kfn/time.h"
#include "lib/accounts_store.h"
#include "lib/profile_update.h"
#include "lib/responses.h"
#include "lib/user_events.h"

namespace users {

kfn::HttpResponse handle_profile_get(kfn::HttpRequest const& /*req*/, kfn::Context& ctx) {
  kfn::Identity const* caller = ctx.caller();
  if (caller == nullptr) return unauthorized();
  // A valid token whose account was deleted meanwhile no longer identifies anyone.
  std::optional<Account> const account = find_account(ctx.db(), caller->user_id);
  if (!account) return unauthorized();
  return kfn::json_response(200, user_json(*account));
}

kfn::HttpResponse handle_profile_put(kfn::HttpRequest const& req, kfn::Context& ctx) {
  kfn::Identity const* caller = ctx.caller();
  if (caller == nullptr) return unauthorized();
  auto body = common::json_object_body(req);
  if (!body.ok()) return body.response();
  auto validated = validate_profile_update(body.value());
  if (auto* errors = std::get_if<common::FieldErrors>(&validated)) return errors->response();
  ProfileUpdate const& update = std::get<ProfileUpdate>(validated);

  auto tx = ctx.db().begin();
  std::optional<Account> const current = lock_account(*tx, caller->user_id);
  if (!current) return unauthorized();
  if (update.empty()) return kfn::json_response(200, user_json(*current));

  Account updated = apply_profile_update(*current, update);
  updated.updated_at = kfn::sql_datetime(ctx.now());
  save_profile(*tx, updated);
  tx->publish(user_profile_updated(updated));
  tx->commit();
  return kfn::json_response(200, user_json(updated));
}

}  // namespace users

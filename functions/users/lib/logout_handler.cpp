#include "lib/logout_handler.h"

#include "lib/refresh_store.h"
#include "lib/responses.h"
#include "lib/sessions.h"

namespace users {

kfn::HttpResponse handle_logout(kfn::HttpRequest const& /*req*/, kfn::Context& ctx) {
  kfn::Identity const* caller = ctx.caller();
  if (caller == nullptr) return unauthorized();
  ctx.tokens().revoke(caller->jti, caller->expires_at);

  auto tx = ctx.db().begin();
  if (auto const family = family_of_access_token(*tx, caller->user_id, caller->jti)) {
    end_family(ctx, *tx, *family);
    tx->commit();
  }
  return kfn::no_content();
}

}  // namespace users

#include "lib/register_handler.h"

#include "common/request_body.h"
#include "kfn/errors.h"
#include "kfn/time.h"
#include "lib/accounts_store.h"
#include "lib/registration.h"
#include "lib/user_events.h"

namespace users {
namespace {

// Which unique value is taken, or nullopt when both are free.
std::optional<kfn::HttpResponse> conflict(kfn::Database& db, NewAccount const& account) {
  if (email_taken(db, account.email_lower))
    return kfn::error_response(409, "email_taken", "Email already registered");
  if (username_taken(db, account.username)) {
    return kfn::error_response(409, "username_taken", "Username already taken");
  }
  return std::nullopt;
}

}  // namespace

kfn::HttpResponse handle_register(kfn::HttpRequest const& req, kfn::Context& ctx,
                                  Argon2Params const& params) {
  auto body = common::json_object_body(req);
  if (!body.ok()) return body.response();
  auto validated = validate_registration(body.value());
  if (auto* errors = std::get_if<common::FieldErrors>(&validated)) return errors->response();
  NewAccount const& account = std::get<NewAccount>(validated);

  if (auto taken = conflict(ctx.db(), account)) return std::move(*taken);
  std::string password_hash = hash_password(account.password, params);
  try {
    auto tx = ctx.db().begin();
    Account const stored =
        insert_account(*tx, account, std::move(password_hash), kfn::sql_datetime(ctx.now()));
    tx->publish(user_registered(stored));
    tx->commit();
    ctx.log().info("account registered", {{"user_id", stored.id}});
    return kfn::json_response(201, user_json(stored));
  } catch (kfn::SqlError const& e) {
    if (!e.duplicate_key()) throw;
  }
  // A concurrent registration took the email or username between the check and the insert.
  if (auto taken = conflict(ctx.db(), account)) return std::move(*taken);
  return kfn::error_response(409, "email_taken", "Email already registered");
}

}  // namespace users

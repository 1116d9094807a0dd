#include "lib/account.h"

#include "kfn/time.h"

namespace users {
namespace {

nlohmann::json nullable(std::optional<std::string> const& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

}  // namespace

Account account_from_row(kfn::Row const& row) {
  Account account;
  account.id = row.int64(0);
  account.email = row.str(1);
  account.username = row.str(2);
  account.password_hash = row.str(3);
  account.display_name = row.str(4);
  account.status_message = row.opt_str(5);
  account.avatar_url = row.opt_str(6);
  account.created_at = row.str(7);
  account.updated_at = row.str(8);
  return account;
}

nlohmann::json user_json(Account const& account) {
  return {
      {"id", account.id},
      {"email", account.email},
      {"username", account.username},
      {"display_name", account.display_name},
      {"status_message", nullable(account.status_message)},
      {"avatar_url", nullable(account.avatar_url)},
      {"created_at", kfn::rfc3339_from_sql(account.created_at)},
  };
}

nlohmann::json token_json(kfn::AccessToken const& access, std::string const& refresh_token,
                          Account const& account) {
  return {
      {"access_token", access.token},   {"token_type", "bearer"},     {"expires_in", access.expires_in},
      {"refresh_token", refresh_token}, {"user", user_json(account)},
  };
}

}  // namespace users

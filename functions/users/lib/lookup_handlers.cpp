#include "lib/lookup_handlers.h"

#include <variant>

#include "common/ids.h"
#include "lib/accounts_store.h"
#include "lib/lookup_store.h"
#include "lib/responses.h"
#include "lib/user_lookup.h"

namespace users {
namespace {

kfn::HttpResponse users_response(std::vector<Account> const& accounts) {
  nlohmann::json users = nlohmann::json::array();
  for (auto const& account : accounts) users.push_back(public_user_json(account));
  return kfn::json_response(200, {{"users", std::move(users)}});
}

}  // namespace

kfn::HttpResponse handle_user_get(kfn::HttpRequest const& req, kfn::Context& ctx) {
  if (ctx.caller() == nullptr) return unauthorized();
  auto id = common::path_id(req, "id", "user_not_found");
  if (!id.ok()) return id.response();
  std::optional<Account> const account = find_account(ctx.db(), id.value());
  if (!account) return kfn::error_response(404, "user_not_found", "No such user");
  return kfn::json_response(200, public_user_json(*account));
}

kfn::HttpResponse handle_users_batch(kfn::HttpRequest const& req, kfn::Context& ctx) {
  if (ctx.caller() == nullptr) return unauthorized();
  auto ids = read_user_ids(req.query_param("user_ids"));
  if (auto const* errors = std::get_if<common::FieldErrors>(&ids)) return errors->response();
  return users_response(find_accounts(ctx.db(), std::get<std::vector<std::int64_t>>(ids)));
}

kfn::HttpResponse handle_users_search(kfn::HttpRequest const& req, kfn::Context& ctx) {
  kfn::Identity const* caller = ctx.caller();
  if (caller == nullptr) return unauthorized();
  auto query = read_search_query(req.query_param("query"), req.query_param("limit"));
  if (auto const* errors = std::get_if<common::FieldErrors>(&query)) return errors->response();
  return users_response(search_accounts(ctx.db(), caller->user_id, std::get<SearchQuery>(query)));
}

}  // namespace users

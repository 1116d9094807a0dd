#include "lib/list_handlers.h"

#include <string>

#include "kfn/time.h"
#include "lib/responses.h"
#include "lib/social_user.h"

namespace social {
namespace {

// Rows of kSocialUserColumns followed by one DATETIME column, e.g. a request's created_at.
nlohmann::json users_with_time(kfn::SqlResult const& result, char const* time_field) {
  nlohmann::json items = nlohmann::json::array();
  for (auto const& row : result.rows) {
    nlohmann::json item = public_user_json(social_user_from_row(row));
    item[time_field] = kfn::rfc3339_from_sql(row.str(5));
    items.push_back(std::move(item));
  }
  return items;
}

nlohmann::json requests_json(kfn::SqlResult const& result) {
  nlohmann::json items = nlohmann::json::array();
  for (auto const& row : result.rows) {
    items.push_back({{"user", public_user_json(social_user_from_row(row))},
                     {"created_at", kfn::rfc3339_from_sql(row.str(5))}});
  }
  return items;
}

// The requests of one direction: `mine` names the caller's column, `theirs` the other user's.
kfn::SqlResult requests(kfn::Database& db, std::int64_t user_id, char const* mine, char const* theirs) {
  return db.execute(std::string("SELECT ") + kSocialUserColumns +
                        ", r.created_at FROM friend_requests r JOIN users u ON u.id = r." + theirs +
                        " WHERE r." + mine + " = ? ORDER BY r.created_at DESC, u.id",
                    {user_id});
}

template <class Build>
kfn::HttpResponse for_caller(kfn::Context& ctx, Build build) {
  auto self = caller_id(ctx);
  if (!self.ok()) return self.response();
  return kfn::json_response(200, build(ctx.db(), self.value()));
}

}  // namespace

nlohmann::json friends_of(kfn::Database& db, std::int64_t user_id) {
  auto const result = db.execute(std::string("SELECT ") + kSocialUserColumns +
                                     ", f.since FROM friendships f JOIN users u ON u.id = f.friend_id"
                                     " WHERE f.user_id = ? ORDER BY f.since DESC, u.id",
                                 {user_id});
  return {{"friends", users_with_time(result, "since")}};
}

nlohmann::json requests_of(kfn::Database& db, std::int64_t user_id) {
  return {{"received", requests_json(requests(db, user_id, "target_id", "requester_id"))},
          {"sent", requests_json(requests(db, user_id, "requester_id", "target_id"))}};
}

nlohmann::json blocked_by(kfn::Database& db, std::int64_t user_id) {
  auto const result = db.execute(std::string("SELECT ") + kSocialUserColumns +
                                     ", b.created_at FROM blocks b JOIN users u ON u.id = b.blocked_id"
                                     " WHERE b.blocker_id = ? ORDER BY b.created_at DESC, u.id",
                                 {user_id});
  nlohmann::json users = nlohmann::json::array();
  for (auto const& row : result.rows) users.push_back(public_user_json(social_user_from_row(row)));
  return {{"users", std::move(users)}};
}

kfn::HttpResponse handle_list_friends(kfn::HttpRequest const& /*req*/, kfn::Context& ctx) {
  return for_caller(ctx, &friends_of);
}

kfn::HttpResponse handle_list_requests(kfn::HttpRequest const& /*req*/, kfn::Context& ctx) {
  return for_caller(ctx, &requests_of);
}

kfn::HttpResponse handle_list_blocked(kfn::HttpRequest const& /*req*/, kfn::Context& ctx) {
  return for_caller(ctx, &blocked_by);
}

}  // namespace social

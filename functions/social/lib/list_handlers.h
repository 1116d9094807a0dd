// The read-only friends routes: GET /friends/list, /friends/requests and /friends/blocked, each
// the caller's own relations with the other users as PublicUser (without presence: API.md's
// GET /presence, in the notify context, serves is_online and last_seen_at).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>

#include "kfn/context.h"
#include "kfn/db.h"
#include "kfn/http.h"

namespace social {

// {"friends": [PublicUser + "since"]}, newest friendship first.
nlohmann::json friends_of(kfn::Database& db, std::int64_t user_id);
// {"received": [{"user", "created_at"}], "sent": [...]}, newest first; a sent item's user is the target.
nlohmann::json requests_of(kfn::Database& db, std::int64_t user_id);
// {"users": [PublicUser]}, newest block first.
nlohmann::json blocked_by(kfn::Database& db, std::int64_t user_id);

kfn::HttpResponse handle_list_friends(kfn::HttpRequest const& req, kfn::Context& ctx);
kfn::HttpResponse handle_list_requests(kfn::HttpRequest const& req, kfn::Context& ctx);
kfn::HttpResponse handle_list_blocked(kfn::HttpRequest const& req, kfn::Context& ctx);

}  // namespace social

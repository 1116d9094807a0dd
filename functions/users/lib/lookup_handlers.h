// The users lookups: GET /users/{id}, GET /users?user_ids=1,2,3 and GET /users/search, each
// answering PublicUser (user_lookup.h) for any signed-in caller.
#pragma once

#include "kfn/context.h"
#include "kfn/http.h"

namespace users {

kfn::HttpResponse handle_user_get(kfn::HttpRequest const& req, kfn::Context& ctx);
kfn::HttpResponse handle_users_batch(kfn::HttpRequest const& req, kfn::Context& ctx);
kfn::HttpResponse handle_users_search(kfn::HttpRequest const& req, kfn::Context& ctx);

}  // namespace users

// The routes that end or bar a relation: DELETE /friends/{user_id}, POST /friends/block/{user_id}
// and DELETE /friends/block/{user_id}. Like the request routes, each locks the pair first and
// publishes its event in the same transaction.
#pragma once

#include "kfn/context.h"
#include "kfn/http.h"

namespace social {

kfn::HttpResponse handle_unfriend(kfn::HttpRequest const& req, kfn::Context& ctx);
kfn::HttpResponse handle_block(kfn::HttpRequest const& req, kfn::Context& ctx);
kfn::HttpResponse handle_unblock(kfn::HttpRequest const& req, kfn::Context& ctx);

}  // namespace social

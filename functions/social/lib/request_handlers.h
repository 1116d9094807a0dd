// The friend request routes: POST /friends/request, PUT /friends/status/{requester_user_id} and
// DELETE /friends/request/{target_user_id}. Each change locks the pair, decides from its state
// (pair_state.h) and publishes its event in the same transaction.
#pragma once

#include "kfn/context.h"
#include "kfn/http.h"

namespace social {

kfn::HttpResponse handle_send_request(kfn::HttpRequest const& req, kfn::Context& ctx);
kfn::HttpResponse handle_answer_request(kfn::HttpRequest const& req, kfn::Context& ctx);
kfn::HttpResponse handle_cancel_request(kfn::HttpRequest const& req, kfn::Context& ctx);

}  // namespace social

// GET /messages/{room_id}?before_seq=&after_seq=&limit=: one page of a room's history for a member.
#pragma once

#include "kfn/context.h"
#include "kfn/http.h"

namespace chat {

kfn::HttpResponse handle_history(kfn::HttpRequest const& req, kfn::Context& ctx);

}  // namespace chat

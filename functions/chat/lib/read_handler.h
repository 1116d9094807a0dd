// POST /messages/{room_id}/read {"seq"}: moves the caller's read marker forward (never back, never
// past the newest message) and publishes MessageRead when it moved.
#pragma once

#include "kfn/context.h"
#include "kfn/http.h"

namespace chat {

kfn::HttpResponse handle_read(kfn::HttpRequest const& req, kfn::Context& ctx);

}  // namespace chat

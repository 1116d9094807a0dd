// The room routes: POST /chat/rooms (direct or group), GET /chat/rooms, GET /chat/rooms/{room_id}.
#pragma once

#include "kfn/context.h"
#include "kfn/http.h"

namespace chat {

kfn::HttpResponse handle_create_room(kfn::HttpRequest const& req, kfn::Context& ctx);
kfn::HttpResponse handle_list_rooms(kfn::HttpRequest const& req, kfn::Context& ctx);
kfn::HttpResponse handle_get_room(kfn::HttpRequest const& req, kfn::Context& ctx);

}  // namespace chat

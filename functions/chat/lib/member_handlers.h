// Group membership routes: POST /chat/rooms/{room_id}/members adds the caller's friends;
// DELETE /chat/rooms/{room_id}/members/me leaves. Each change locks the room row, so the member
// lists in events and in concurrent messages agree.
#pragma once

#include "kfn/context.h"
#include "kfn/http.h"

namespace chat {

kfn::HttpResponse handle_add_members(kfn::HttpRequest const& req, kfn::Context& ctx);
kfn::HttpResponse handle_leave_room(kfn::HttpRequest const& req, kfn::Context& ctx);

}  // namespace chat

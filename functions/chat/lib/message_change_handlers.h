// PATCH and DELETE /messages/{room_id}/{message_id}: the author edits (within 15 minutes) or
// deletes a message; a deleted message stays, with empty content and deleted: true.
#pragma once

#include "kfn/context.h"
#include "kfn/http.h"

namespace chat {

kfn::HttpResponse handle_edit_message(kfn::HttpRequest const& req, kfn::Context& ctx);
kfn::HttpResponse handle_delete_message(kfn::HttpRequest const& req, kfn::Context& ctx);

}  // namespace chat

// The chat context's error answers, worded once so every route says the same thing.
#pragma once

#include "common/unauthorized.h"
#include "kfn/http.h"

namespace chat {

using common::unauthorized;
// Also for rooms the caller is not a member of: their existence is not the caller's business.
inline kfn::HttpResponse room_not_found() {
  return kfn::error_response(404, "room_not_found", "Room not found");
}
inline kfn::HttpResponse message_not_found() {
  return kfn::error_response(404, "message_not_found", "Message not found");
}
inline kfn::HttpResponse blocked() {
  return kfn::error_response(403, "blocked", "One of you has blocked the other");
}
inline kfn::HttpResponse not_friends() {
  return kfn::error_response(403, "not_friends", "Rooms can only be made with friends");
}
inline kfn::HttpResponse not_a_group() {
  return kfn::error_response(403, "not_a_group", "Members can only be added to group rooms");
}
inline kfn::HttpResponse not_author() {
  return kfn::error_response(403, "not_author", "Only the author can change a message");
}
inline kfn::HttpResponse edit_window_closed() {
  return kfn::error_response(403, "edit_window_closed",
                             "Messages can be edited for 15 minutes after sending");
}

}  // namespace chat

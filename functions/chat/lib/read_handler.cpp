#include "lib/read_handler.h"

#include "common/ids.h"
#include "common/json_fields.h"
#include "common/request_body.h"
#include "lib/chat_events.h"
#include "lib/message_store.h"
#include "lib/read_marker.h"
#include "lib/responses.h"
#include "lib/room_store.h"

namespace chat {

kfn::HttpResponse handle_read(kfn::HttpRequest const& req, kfn::Context& ctx) {
  kfn::Identity const* caller = ctx.caller();
  if (caller == nullptr) return unauthorized();
  auto room_id = common::path_id(req, "room_id", "room_not_found");
  if (!room_id.ok()) return room_id.response();
  auto body = common::json_object_body(req);
  if (!body.ok()) return body.response();
  common::FieldErrors errors;
  auto const seq = common::required_id(body.value(), "seq", errors);
  if (!errors.empty()) return errors.response();

  auto const room = read_room(ctx.db(), room_id.value());
  if (!room || !contains(room->members, caller->user_id)) return room_not_found();
  auto const current = read_marker(ctx.db(), room_id.value(), caller->user_id);
  if (!current) return room_not_found();  // left the room just now
  auto const target = next_read_marker(*current, *seq, room->last_seq);
  if (target == *current) return kfn::no_content();

  auto tx = ctx.db().begin();
  // A concurrent read may have moved the marker further: then this one changes nothing.
  if (advance_read_marker(*tx, room_id.value(), caller->user_id, target)) {
    tx->publish(message_read(room_id.value(), caller->user_id, target, room->members));
  }
  tx->commit();
  return kfn::no_content();
}

}  // namespace chat

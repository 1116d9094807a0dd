#include "lib/room_handlers.h"

#include <stdexcept>

#include "common/ids.h"
#include "common/request_body.h"
#include "kfn/time.h"
#include "lib/chat_events.h"
#include "lib/direct_rooms.h"
#include "lib/responses.h"
#include "lib/room_input.h"
#include "lib/room_store.h"
#include "lib/room_views.h"
#include "lib/social_store.h"

namespace chat {
namespace {

kfn::HttpResponse room_response(kfn::Context& ctx, int status, std::int64_t viewer, std::int64_t room_id) {
  auto const room = room_of(ctx.db(), viewer, room_id);
  if (!room) return room_not_found();
  return kfn::json_response(status, room_json(*room));
}

// An existing direct room is answered even after an unfriending (both stay members); a block
// always refuses.
kfn::HttpResponse create_direct(kfn::Context& ctx, std::int64_t caller, DirectRoomRequest const& request) {
  if (blocked_between(ctx.db(), caller, request.user_id)) return blocked();
  if (auto const existing = find_direct_room(ctx.db(), caller, request.user_id)) {
    return room_response(ctx, 200, caller, *existing);
  }
  if (!are_friends(ctx.db(), caller, request.user_id)) return not_friends();
  auto tx = ctx.db().begin();
  auto const room = ensure_direct_room(*tx, caller, request.user_id, kfn::sql_datetime(ctx.now()));
  tx->commit();
  return room_response(ctx, room.created ? 201 : 200, caller, room.room_id);
}

kfn::HttpResponse create_group(kfn::Context& ctx, std::int64_t caller, GroupRoomRequest const& request) {
  if (!not_friends_of(ctx.db(), caller, request.member_ids).empty()) return not_friends();
  auto const now_sql = kfn::sql_datetime(ctx.now());
  auto tx = ctx.db().begin();
  NewRoom room;
  room.type = kGroupRoom;
  room.name = request.name;
  room.created_by = caller;
  room.now_sql = now_sql;
  auto const room_id = insert_room(*tx, room);
  MemberIds members{caller};
  members.insert(members.end(), request.member_ids.begin(), request.member_ids.end());
  add_members(*tx, LockedRoom{room_id, kGroupRoom, 0, false, {}}, members, now_sql);
  auto const view = room_of(*tx, caller, room_id);
  if (!view) throw std::logic_error("a room just made is not visible to its creator");
  tx->publish(room_created(*view, caller));
  tx->commit();
  return kfn::json_response(201, room_json(*view));
}

}  // namespace

kfn::HttpResponse handle_create_room(kfn::HttpRequest const& req, kfn::Context& ctx) {
  kfn::Identity const* caller = ctx.caller();
  if (caller == nullptr) return unauthorized();
  auto body = common::json_object_body(req);
  if (!body.ok()) return body.response();
  auto validated = validate_room_request(body.value(), caller->user_id);
  if (auto* errors = std::get_if<common::FieldErrors>(&validated)) return errors->response();
  if (auto* direct = std::get_if<DirectRoomRequest>(&validated))
    return create_direct(ctx, caller->user_id, *direct);
  return create_group(ctx, caller->user_id, std::get<GroupRoomRequest>(validated));
}

kfn::HttpResponse handle_list_rooms(kfn::HttpRequest const& /*req*/, kfn::Context& ctx) {
  kfn::Identity const* caller = ctx.caller();
  if (caller == nullptr) return unauthorized();
  auto rooms = nlohmann::json::array();
  for (auto const& room : rooms_of(ctx.db(), caller->user_id)) rooms.push_back(room_json(room));
  return kfn::json_response(200, {{"rooms", std::move(rooms)}});
}

kfn::HttpResponse handle_get_room(kfn::HttpRequest const& req, kfn::Context& ctx) {
  kfn::Identity const* caller = ctx.caller();
  if (caller == nullptr) return unauthorized();
  auto room_id = common::path_id(req, "room_id", "room_not_found");
  if (!room_id.ok()) return room_id.response();
  return room_response(ctx, 200, caller->user_id, room_id.value());
}

}  // namespace chat

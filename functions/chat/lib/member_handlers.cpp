#include "lib/member_handlers.h"

#include <algorithm>

#include "common/ids.h"
#include "common/request_body.h"
#include "kfn/time.h"
#include "lib/chat_events.h"
#include "lib/responses.h"
#include "lib/room.h"
#include "lib/room_input.h"
#include "lib/room_store.h"
#include "lib/room_views.h"
#include "lib/social_store.h"
#include "lib/users_store.h"

namespace chat {
namespace {

kfn::HttpResponse too_many_members() {
  common::FieldErrors errors;
  errors.add("user_ids", "a group has at most " + std::to_string(kMaxGroupMembers) + " members");
  return errors.response();
}

// One MemberJoined per newcomer, each with the member list right after that newcomer joined.
void publish_joined(kfn::Transaction& tx, LockedRoom const& room, MemberIds const& joining,
                    std::int64_t added_by) {
  MemberIds after = room.members;
  for (auto const& user : load_users(tx, joining)) {
    after.push_back(user.id);
    tx.publish(member_joined(room.id, user, added_by, after));
  }
}

}  // namespace

kfn::HttpResponse handle_add_members(kfn::HttpRequest const& req, kfn::Context& ctx) {
  kfn::Identity const* caller = ctx.caller();
  if (caller == nullptr) return unauthorized();
  auto room_id = common::path_id(req, "room_id", "room_not_found");
  if (!room_id.ok()) return room_id.response();
  auto body = common::json_object_body(req);
  if (!body.ok()) return body.response();
  auto validated = validate_new_members(body.value());
  if (auto* errors = std::get_if<common::FieldErrors>(&validated)) return errors->response();
  auto const& requested = std::get<std::vector<std::int64_t>>(validated);

  auto tx = ctx.db().begin();
  auto const room = lock_room(*tx, room_id.value());
  if (!room || !contains(room->members, caller->user_id)) return room_not_found();
  if (room->type != kGroupRoom) return not_a_group();
  MemberIds joining;
  std::copy_if(requested.begin(), requested.end(), std::back_inserter(joining),
               [&](std::int64_t id) { return !contains(room->members, id); });
  if (!not_friends_of(*tx, caller->user_id, joining).empty()) return not_friends();
  if (room->members.size() + joining.size() > kMaxGroupMembers) return too_many_members();
  if (!joining.empty()) {
    add_members(*tx, *room, joining, kfn::sql_datetime(ctx.now()));
    publish_joined(*tx, *room, joining, caller->user_id);
  }
  tx->commit();
  auto const view = room_of(ctx.db(), caller->user_id, room_id.value());
  if (!view) return room_not_found();  // the caller left meanwhile
  return kfn::json_response(200, room_json(*view));
}

kfn::HttpResponse handle_leave_room(kfn::HttpRequest const& req, kfn::Context& ctx) {
  kfn::Identity const* caller = ctx.caller();
  if (caller == nullptr) return unauthorized();
  auto room_id = common::path_id(req, "room_id", "room_not_found");
  if (!room_id.ok()) return room_id.response();

  auto tx = ctx.db().begin();
  auto const room = lock_room(*tx, room_id.value());
  // Direct rooms cannot be left: there is no group membership to give up.
  if (!room || room->type != kGroupRoom || !contains(room->members, caller->user_id)) return room_not_found();
  auto const after = remove_member(*tx, *room, caller->user_id);
  tx->publish(member_left(room->id, load_users(*tx, {caller->user_id}).front(), after));
  tx->commit();
  return kfn::no_content();
}

}  // namespace chat

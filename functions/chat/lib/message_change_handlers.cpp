#include "lib/message_change_handlers.h"

#include "common/ids.h"
#include "common/request_body.h"
#include "kfn/time.h"
#include "lib/chat_events.h"
#include "lib/message_input.h"
#include "lib/message_store.h"
#include "lib/responses.h"
#include "lib/room_store.h"

namespace chat {
namespace {

struct Target {
  std::int64_t room_id = 0;
  std::int64_t message_id = 0;
};

common::ValueOrResponse<Target> target_of(kfn::HttpRequest const& req) {
  auto room_id = common::path_id(req, "room_id", "room_not_found");
  if (!room_id.ok()) return std::move(room_id.response());
  auto message_id = common::path_id(req, "message_id", "message_not_found");
  if (!message_id.ok()) return std::move(message_id.response());
  return Target{room_id.value(), message_id.value()};
}

kfn::HttpResponse refusal_response(ChangeRefusal refusal) {
  return refusal == ChangeRefusal::kNotAuthor ? not_author() : edit_window_closed();
}

// The caller's room and the message, locked; or the 404 that explains why not.
struct Locked {
  LockedRoom room;
  Message message;
};

common::ValueOrResponse<Locked> lock_target(kfn::Transaction& tx, Target const& target, std::int64_t caller) {
  auto room = read_room(tx, target.room_id);
  if (!room || !contains(room->members, caller)) return room_not_found();
  auto message = lock_message(tx, target.room_id, target.message_id);
  if (!message) return message_not_found();
  return Locked{std::move(*room), std::move(*message)};
}

}  // namespace

kfn::HttpResponse handle_edit_message(kfn::HttpRequest const& req, kfn::Context& ctx) {
  kfn::Identity const* caller = ctx.caller();
  if (caller == nullptr) return unauthorized();
  auto target = target_of(req);
  if (!target.ok()) return target.response();
  auto body = common::json_object_body(req);
  if (!body.ok()) return body.response();
  auto validated = validate_edit(body.value());
  if (auto* errors = std::get_if<common::FieldErrors>(&validated)) return errors->response();

  auto tx = ctx.db().begin();
  auto locked = lock_target(*tx, target.value(), caller->user_id);
  if (!locked.ok()) return locked.response();
  Message& message = locked.value().message;
  if (message.deleted) return message_not_found();  // nothing left to edit
  auto const refusal = edit_refusal(message, caller->user_id, ctx.now());
  if (refusal != ChangeRefusal::kNone) return refusal_response(refusal);

  message.content = std::move(std::get<std::string>(validated));
  message.edited_at = kfn::sql_datetime(ctx.now());
  save_message_change(*tx, message);
  tx->publish(message_edited(message, locked.value().room.members));
  tx->commit();
  return kfn::json_response(200, message_json(message));
}

kfn::HttpResponse handle_delete_message(kfn::HttpRequest const& req, kfn::Context& ctx) {
  kfn::Identity const* caller = ctx.caller();
  if (caller == nullptr) return unauthorized();
  auto target = target_of(req);
  if (!target.ok()) return target.response();

  auto tx = ctx.db().begin();
  auto locked = lock_target(*tx, target.value(), caller->user_id);
  if (!locked.ok()) return locked.response();
  Message& message = locked.value().message;
  auto const refusal = delete_refusal(message, caller->user_id);
  if (refusal != ChangeRefusal::kNone) return refusal_response(refusal);
  if (message.deleted) return kfn::no_content();  // a retried delete changes nothing

  message.content.clear();
  message.deleted = true;
  save_message_change(*tx, message);
  tx->publish(message_deleted(message, locked.value().room.members));
  tx->commit();
  return kfn::no_content();
}

}  // namespace chat

#include "lib/send_message_handler.h"

#include <stdexcept>

#include "common/ids.h"
#include "common/request_body.h"
#include "kfn/errors.h"
#include "kfn/time.h"
#include "lib/chat_events.h"
#include "lib/message_input.h"
#include "lib/message_store.h"
#include "lib/responses.h"
#include "lib/room_store.h"

namespace chat {
namespace {

// The first message sent with this client_message_id, which a racing or retried request lost to.
kfn::HttpResponse repeated(kfn::Context& ctx, Message const& attempt) {
  auto const first =
      find_by_client_message_id(ctx.db(), attempt.room_id, attempt.user_id, *attempt.client_message_id);
  if (!first) throw std::logic_error("duplicate client_message_id without a stored message");
  return kfn::json_response(200, message_json(*first));
}

kfn::HttpResponse store_message(kfn::Context& ctx, Message message) {
  auto tx = ctx.db().begin();
  auto const room = lock_room(*tx, message.room_id);
  if (!room || !contains(room->members, message.user_id)) return room_not_found();
  if (room->blocked) return blocked();
  message.seq = room->last_seq + 1;
  advance_room(*tx, message.room_id, message.seq, message.created_at);
  try {
    message.id = insert_message(*tx, message);
  } catch (kfn::SqlError const& e) {
    if (!e.duplicate_key() || !message.client_message_id) throw;
    tx.reset();  // rolls the seq back: the repeat takes nothing
    return repeated(ctx, message);
  }
  tx->publish(message_sent(message, room->members));
  tx->commit();
  return kfn::json_response(201, message_json(message));
}

}  // namespace

kfn::HttpResponse handle_send_message(kfn::HttpRequest const& req, kfn::Context& ctx) {
  kfn::Identity const* caller = ctx.caller();
  if (caller == nullptr) return unauthorized();
  auto room_id = common::path_id(req, "room_id", "room_not_found");
  if (!room_id.ok()) return room_id.response();
  auto body = common::json_object_body(req);
  if (!body.ok()) return body.response();
  auto validated = validate_new_message(body.value());
  if (auto* errors = std::get_if<common::FieldErrors>(&validated)) return errors->response();
  auto& input = std::get<NewMessage>(validated);

  Message message;
  message.room_id = room_id.value();
  message.user_id = caller->user_id;
  message.content = std::move(input.content);
  message.message_type = std::move(input.message_type);
  message.client_message_id = std::move(input.client_message_id);
  message.created_at = kfn::sql_datetime(ctx.now());
  return store_message(ctx, std::move(message));
}

}  // namespace chat

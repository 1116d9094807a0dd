#include "lib/send_message_handler.h"

#include <string>

#include "common/ids.h"
#include "common/request_body.h"
#include "kfn/time.h"
#include "lib/message_input.h"
#include "lib/responses.h"

namespace chat {

kfn::HttpResponse handle_send_message(kfn::HttpRequest const& req, kfn::Context& ctx, SendBatcher& batcher) {
  kfn::Identity const* caller = ctx.caller();
  if (caller == nullptr) return unauthorized();
  auto room_id = common::path_id(req, "room_id", "room_not_found");
  if (!room_id.ok()) return room_id.response();
  auto body = common::json_object_body(req);
  if (!body.ok()) return body.response();
  auto validated = validate_new_message(body.value());
  if (auto* errors = std::get_if<common::FieldErrors>(&validated)) return errors->response();
  auto& input = std::get<NewMessage>(validated);

  PendingSend send;
  send.traceparent = std::string(ctx.traceparent());
  auto& message = send.message;
  message.room_id = room_id.value();
  message.user_id = caller->user_id;
  message.content = std::move(input.content);
  message.message_type = std::move(input.message_type);
  message.client_message_id = std::move(input.client_message_id);
  message.created_at = kfn::sql_datetime(ctx.now());
  return batcher.send(ctx, send);
}

}  // namespace chat

#include "lib/history_handler.h"

#include "common/ids.h"
#include "lib/history_query.h"
#include "lib/message_store.h"
#include "lib/responses.h"

namespace chat {

kfn::HttpResponse handle_history(kfn::HttpRequest const& req, kfn::Context& ctx) {
  kfn::Identity const* caller = ctx.caller();
  if (caller == nullptr) return unauthorized();
  auto room_id = common::path_id(req, "room_id", "room_not_found");
  if (!room_id.ok()) return room_id.response();
  auto query = parse_history_query(req);
  if (!query.ok()) return query.response();

  if (!is_member(ctx.db(), room_id.value(), caller->user_id)) return room_not_found();
  auto page = make_page(fetch_history(ctx.db(), room_id.value(), query.value()), query.value().limit);
  auto messages = nlohmann::json::array();
  for (auto const& message : page.messages) messages.push_back(message_json(message));
  return kfn::json_response(200, {{"messages", std::move(messages)}, {"has_more", page.has_more}});
}

}  // namespace chat

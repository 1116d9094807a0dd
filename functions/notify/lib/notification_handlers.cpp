#include "lib/notification_handlers.h"

#include "common/request_body.h"
#include "kfn/time.h"
#include "lib/notification_requests.h"
#include "lib/notification_store.h"

namespace notify {

kfn::HttpResponse handle_list_notifications(kfn::HttpRequest const& req, kfn::Context& ctx) {
  kfn::Identity const* caller = ctx.caller();
  if (caller == nullptr) return unauthorized();
  auto parsed = parse_list_query(req);
  if (auto const* errors = std::get_if<common::FieldErrors>(&parsed)) return errors->response();
  auto const& query = std::get<ListQuery>(parsed);

  auto list = nlohmann::json::array();
  for (auto const& notification :
       list_notifications(ctx.db(), caller->user_id, query.unread_only, query.limit)) {
    list.push_back(notification_json(notification));
  }
  return kfn::json_response(200, {{"notifications", std::move(list)}});
}

kfn::HttpResponse handle_mark_notifications_read(kfn::HttpRequest const& req, kfn::Context& ctx) {
  kfn::Identity const* caller = ctx.caller();
  if (caller == nullptr) return unauthorized();
  auto body = common::json_object_body(req);
  if (!body.ok()) return body.response();
  auto parsed = parse_read_request(body.value());
  if (auto const* errors = std::get_if<common::FieldErrors>(&parsed)) return errors->response();
  auto const& selection = std::get<ReadSelection>(parsed);

  std::string const now = kfn::sql_datetime(ctx.now());
  if (selection.all)
    mark_all_read(ctx.db(), caller->user_id, now);
  else
    mark_read(ctx.db(), caller->user_id, selection.ids, now);
  return kfn::no_content();
}

}  // namespace notify

#include "lib/presence_handler.h"

#include <algorithm>
#include <iterator>

#include "common/ids.h"
#include "lib/notification_handlers.h"
#include "lib/presence_view.h"

namespace notify {

kfn::HttpResponse handle_presence(kfn::HttpRequest const& req, kfn::Context& ctx) {
  kfn::Identity const* caller = ctx.caller();
  if (caller == nullptr) return unauthorized();
  auto const text = req.query_param("user_ids");
  auto const requested = text ? common::parse_id_list(*text, kMaxPresenceIds) : std::nullopt;
  if (!requested) {
    return kfn::validation_error({{"user_ids", "must be a comma-separated list of at most " +
                                                   std::to_string(kMaxPresenceIds) + " ids"}});
  }

  std::vector<std::int64_t> others;
  std::copy_if(requested->begin(), requested->end(), std::back_inserter(others),
               [&](std::int64_t id) { return id != caller->user_id; });
  auto const friends = friends_among(ctx.db(), caller->user_id, others);
  auto const known = presence_of(ctx.db(), visible_ids(caller->user_id, *requested, friends));

  auto list = nlohmann::json::array();
  for (auto const& presence : visible_presence(caller->user_id, *requested, friends, known)) {
    list.push_back(presence_json(presence));
  }
  return kfn::json_response(200, {{"presence", std::move(list)}});
}

}  // namespace notify

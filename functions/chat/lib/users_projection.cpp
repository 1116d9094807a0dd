#include "lib/users_projection.h"

#include "kfn/time.h"
#include "lib/event_input.h"
#include "lib/json_values.h"
#include "lib/users_store.h"

namespace chat {

kfn::EventResult handle_user_event(kfn::CloudEvent const& event, kfn::Context& ctx) {
  bool const registered = event.type == "UserRegistered";
  if (!registered && event.type != "UserProfileUpdated") return kfn::EventResult::done();
  auto const data = event_data(event);
  if (!data) return kfn::EventResult::permanent("data is not a JSON object");
  auto const when = occurred_at(*data, event);
  auto const user_id = positive_int(*data, "user_id");
  auto const username = string_field(*data, "username");
  auto const display_name = string_field(*data, "display_name");
  if (!when || !user_id || !display_name || (registered && !username)) {
    return kfn::EventResult::permanent(event.type + " lacks user_id, username, display_name or occurred_at");
  }
  auto const at_sql = kfn::sql_datetime(*when);

  auto tx = ctx.db().begin();
  if (!tx->first_delivery(event.id)) return kfn::EventResult::done();
  if (registered) {
    apply_user_registered(*tx, *user_id, *username, *display_name, at_sql);
  } else {
    PublicUser const profile{*user_id, std::nullopt, display_name, string_field(*data, "status_message"),
                             string_field(*data, "avatar_url")};
    apply_profile_updated(*tx, profile, at_sql);
  }
  tx->commit();
  observe_lag(ctx, *when);
  return kfn::EventResult::done();
}

}  // namespace chat

#include "lib/users_projection.h"

#include <chrono>
#include <variant>

#include "kfn/time.h"
#include "lib/user_events_in.h"

namespace social {
namespace {

// How far behind user.events the projection runs: now minus the event's occurred_at.
void observe_lag(nlohmann::json const& data, kfn::Context& ctx) {
  auto const occurred = data.find("occurred_at");
  if (occurred == data.end() || !occurred->is_string()) return;
  auto const at = kfn::parse_rfc3339(occurred->get<std::string>());
  if (!at) return;
  std::chrono::duration<double> const lag = ctx.now() - *at;
  ctx.metrics().observe("projection_lag_seconds", lag.count());
}

}  // namespace

kfn::EventResult handle_user_event(kfn::CloudEvent const& event, kfn::Context& ctx) {
  auto const data = nlohmann::json::parse(event.data, nullptr, false);
  UserEvent const parsed = read_user_event(event.type, data);
  if (std::holds_alternative<IgnoredEvent>(parsed)) return kfn::EventResult::done();
  if (auto const* bad = std::get_if<MalformedEvent>(&parsed)) {
    return kfn::EventResult::permanent(event.type + ": " + bad->reason);
  }
  Statement const upsert = std::holds_alternative<Registration>(parsed)
                               ? registration_upsert(std::get<Registration>(parsed))
                               : profile_upsert(std::get<ProfileChange>(parsed));

  auto tx = ctx.db().begin();
  if (!tx->first_delivery(event.id)) return kfn::EventResult::done();
  tx->execute(upsert.sql, upsert.params);
  tx->commit();
  observe_lag(data, ctx);
  return kfn::EventResult::done();
}

}  // namespace social

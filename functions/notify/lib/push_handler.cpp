#include "lib/push_handler.h"

#include <chrono>

#include "lib/inbound_event.h"
#include "lib/push_effects.h"

namespace notify {
namespace {

// How far behind the facts the notify projections run; alerting watches this, not offsets.
void record_projection_lag(kfn::Context& ctx, InboundEvent const& event) {
  if (!event.occurred_at) return;
  std::chrono::duration<double> const lag = ctx.now() - *event.occurred_at;
  ctx.metrics().observe("projection_lag_seconds", lag.count() > 0 ? lag.count() : 0.0);
}

}  // namespace

kfn::EventResult handle_push_event(kfn::CloudEvent const& event, kfn::Context& ctx) {
  if (!is_push_type(event.type)) return kfn::EventResult::done();
  auto read = read_inbound_event(event);
  if (auto const* bad = std::get_if<Malformed>(&read))
    return kfn::EventResult::permanent(event.type + ": " + bad->reason);
  auto const& inbound = std::get<InboundEvent>(read);

  auto tx = ctx.db().begin();
  if (!tx->first_delivery(inbound.id)) return kfn::EventResult::done();
  if (auto bad = apply_push_effects(*tx, inbound, ctx.now())) {
    return kfn::EventResult::permanent(event.type + ": " + bad->reason);
  }
  tx->commit();
  record_projection_lag(ctx, inbound);
  return kfn::EventResult::done();
}

}  // namespace notify

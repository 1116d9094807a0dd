#include "lib/push_handler.h"

#include <chrono>
#include <stdexcept>
#include <vector>

#include "lib/deliveries.h"
#include "lib/inbound_event.h"
#include "lib/outbound_events.h"
#include "lib/push_effects.h"

namespace notify {
namespace {

// How far behind the facts the notify projections run; alerting watches this, not offsets.
void record_projection_lag(kfn::Context& ctx, InboundEvent const& event) {
  if (!event.occurred_at) return;
  std::chrono::duration<double> const lag = ctx.now() - *event.occurred_at;
  ctx.metrics().observe("projection_lag_seconds", lag.count() > 0 ? lag.count() : 0.0);
}

// False when the event was processed before: its deliveries went out then.
bool publish_event_deliveries(kfn::Context& ctx, ProcessedLookups& lookups, InboundEvent const& event,
                              std::vector<Delivery> deliveries) {
  if (deliveries.empty()) return true;
  if (already_processed(ctx, lookups, event.id)) return false;
  std::vector<kfn::DomainEvent> events;
  events.reserve(deliveries.size());
  for (auto& delivery : deliveries) events.push_back(event_delivery(std::move(delivery)));
  ctx.events().publish_confirmed(std::move(events));
  return true;
}

}  // namespace

kfn::EventResult handle_push_event(kfn::CloudEvent const& event, kfn::Context& ctx, PushBatching& batching) {
  if (!is_push_type(event.type)) return kfn::EventResult::done();
  auto read = read_inbound_event(event);
  if (auto const* bad = std::get_if<Malformed>(&read))
    return kfn::EventResult::permanent(event.type + ": " + bad->reason);

  PendingPush push;
  push.event = std::move(std::get<InboundEvent>(read));
  auto plan = plan_event_deliveries(push.event.type, push.event.data);
  if (auto const* bad = std::get_if<Malformed>(&plan))
    return kfn::EventResult::permanent(event.type + ": " + bad->reason);
  if (!publish_event_deliveries(ctx, batching.lookups, push.event,
                                std::move(std::get<std::vector<Delivery>>(plan))))
    return kfn::EventResult::done();
  if (auto batch_error = batching.commits.run(ctx, push); batch_error && !push.result && !push.error)
    push.error = batch_error;
  if (push.error) std::rethrow_exception(push.error);
  if (!push.result) throw std::logic_error("the push batch left an event without a result");
  if (push.applied) record_projection_lag(ctx, push.event);
  return *push.result;
}

}  // namespace notify

#include "lib/push_handler.h"

#include <chrono>
#include <stdexcept>

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

kfn::EventResult handle_push_event(kfn::CloudEvent const& event, kfn::Context& ctx, PushBatcher& batcher) {
  if (!is_push_type(event.type)) return kfn::EventResult::done();
  auto read = read_inbound_event(event);
  if (auto const* bad = std::get_if<Malformed>(&read))
    return kfn::EventResult::permanent(event.type + ": " + bad->reason);

  PendingPush push;
  push.event = std::move(std::get<InboundEvent>(read));
  if (auto batch_error = batcher.run(ctx, push); batch_error && !push.result && !push.error)
    push.error = batch_error;
  if (push.error) std::rethrow_exception(push.error);
  if (!push.result) throw std::logic_error("the push batch left an event without a result");
  if (push.applied) record_projection_lag(ctx, push.event);
  return *push.result;
}

}  // namespace notify

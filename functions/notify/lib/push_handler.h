// notify-push: turns friend, room, message and presence events into per-recipient deliveries and
// notifications, once per event id however often Kafka delivers it.
#pragma once

#include "kfn/context.h"
#include "kfn/event.h"
#include "lib/push_batch.h"

namespace notify {

// Blocks until the event's batch is committed (see push_batch.h).
kfn::EventResult handle_push_event(kfn::CloudEvent const& event, kfn::Context& ctx, PushBatcher& batcher);

}  // namespace notify

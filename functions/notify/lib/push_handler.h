// notify-push: turns friend, room, message and presence events into per-recipient deliveries and
// notifications, once per event id however often Kafka delivers it.
//
// A delivery that follows from the event alone (a message to each member of its room, ...) goes
// straight to Kafka, confirmed, before the event's transaction records it as processed: a crash in
// between repeats the deliveries on redelivery rather than losing them, and a redelivery of an event
// already processed publishes nothing. Through the outbox they cost MariaDB a row written and deleted
// per recipient, ten per chat message, which made the outbox notify-push's largest expense
// (docs/benchmarks.md). What depends on the database (notifications, presence changes told to
// friends) still goes through the outbox with the effects that produce it.
#pragma once

#include "kfn/context.h"
#include "kfn/event.h"
#include "lib/processed_lookup.h"
#include "lib/push_batch.h"

namespace notify {

// What the function's concurrent invocations share: the read before publishing and the transaction
// after it, each batched across the events in flight.
struct PushBatching {
  ProcessedLookups lookups{&look_up_processed};
  PushBatcher commits{&apply_push_batch};
};

// Blocks until the event's deliveries are acknowledged and its batch is committed (see push_batch.h).
kfn::EventResult handle_push_event(kfn::CloudEvent const& event, kfn::Context& ctx, PushBatching& batching);

}  // namespace notify

// Group commit for notify-push (common/group_commit.h): the events that concurrent workers hold share
// one transaction. Alone, a message to a room of ten costs notify-push a dedupe row, a presence read,
// its outbox rows, the outbox's place in line and a durable COMMIT: under chat load that made it the
// largest user of MariaDB's CPU. A batch costs a fixed number of statements whatever its size (one
// multi-row dedupe insert, one presence read for all its messages, the outbox rows in multi-row
// inserts, one COMMIT): a batch whose statements grew with its size ran slower than the transactions
// it replaced, because on a busy server each statement waits (docs/benchmarks.md). Since then the
// deliveries that follow from an event alone skip the outbox (push_handler.h): the outbox rows left
// are notifications and presence changes told to friends.
#pragma once

#include <exception>
#include <optional>
#include <span>

#include "common/group_commit.h"
#include "kfn/context.h"
#include "kfn/event.h"
#include "lib/inbound_event.h"

namespace notify {

// One event waiting in a batch; the batch runner fills `result` or `error`.
struct PendingPush {
  InboundEvent event;
  std::optional<kfn::EventResult> result;
  std::exception_ptr error;
  bool applied = false;  // its effects were committed now (not a redelivery, not malformed)
};

using PushBatcher = common::GroupCommit<PendingPush>;

// Applies the batch's events in one transaction, in order. When that cannot be done short of the
// database being down (a redelivery among them, a malformed event, a refused statement), it is rolled
// back and each event runs in a transaction of its own, so a bad event fails alone. Throws
// kfn::Unavailable when the database cannot be reached: every event of the batch is then retried.
void apply_push_batch(kfn::Context& leader, std::span<PendingPush*> batch);

}  // namespace notify

// The read before notify-push publishes an event's deliveries ("was this event processed already?"),
// shared by the events that concurrent workers check at once: one statement for the lot instead of
// one per event. Under chat load that read was a round trip to MariaDB for every message, about a
// twentieth of the runner's CPU (docs/benchmarks.md). Flat combining as in group_commit.h: a lone
// check still runs at once, by itself.
#pragma once

#include <span>
#include <string>

#include "common/group_commit.h"
#include "kfn/context.h"

namespace notify {

struct PendingLookup {
  std::string const* event_id = nullptr;
  bool processed = false;
};

using ProcessedLookups = common::GroupCommit<PendingLookup>;

// The batch runner: one read of kfn_processed_events for every id in the batch.
void look_up_processed(kfn::Context& leader, std::span<PendingLookup*> batch);

// Whether a committed transaction recorded `event_id`; throws what the read threw (kfn::Unavailable
// when the database is down), for every event that shared it.
bool already_processed(kfn::Context& ctx, ProcessedLookups& lookups, std::string const& event_id);

}  // namespace notify

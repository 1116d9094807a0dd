// Everything one domain event changes in the notify context, inside the caller's transaction: the
// projections, the notifications and the deliveries that depend on the database (presence changes
// to the subject's friends, notification.created), published through the outbox. Deliveries that
// follow from the event alone are published before, by the handler (push_handler.h).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string_view>

#include "kfn/db.h"
#include "lib/delivery.h"
#include "lib/inbound_event.h"

namespace notify {

// The event types the push function acts on; the rest of its topics' traffic is ignored.
bool is_push_type(std::string_view type);

// Malformed when the event lacks what its contract promises (the transaction must then be dropped).
// `online`, when given, is who of a message's recipients is online, read once for a whole batch of
// events (push_batch.h); without it a message reads its recipients' presence itself.
std::optional<Malformed> apply_push_effects(kfn::Transaction& tx, InboundEvent const& event,
                                            std::chrono::system_clock::time_point now,
                                            std::set<std::int64_t> const* online = nullptr);

}  // namespace notify

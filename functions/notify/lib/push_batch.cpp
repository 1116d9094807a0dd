#include "lib/push_batch.h"

#include <set>
#include <string>
#include <vector>

#include "kfn/errors.h"
#include "kfn/processed_events.h"
#include "lib/notifications.h"
#include "lib/projection_store.h"
#include "lib/push_effects.h"

namespace notify {
namespace {

void apply_alone(kfn::Context& ctx, PendingPush& push) {
  auto tx = ctx.db().begin();
  if (!tx->first_delivery(push.event.id)) {
    push.result = kfn::EventResult::done();
    return;
  }
  if (auto bad = apply_push_effects(*tx, push.event, ctx.now())) {
    push.result = kfn::EventResult::permanent(push.event.type + ": " + bad->reason);
    return;
  }
  tx->commit();
  push.applied = true;
  push.result = kfn::EventResult::done();
}

// Everyone the batch's messages may notify, or nullopt when a message must read presence itself: a
// presence change earlier in the same batch has to be seen by the messages after it.
std::optional<std::vector<std::int64_t>> message_recipients(std::span<PendingPush*> batch) {
  std::set<std::int64_t> recipients;
  for (auto const* push : batch) {
    if (push->event.type == "UserOnlineStatusChanged") return std::nullopt;
    if (push->event.type != "MessageSent") continue;
    if (auto message = sent_message(push->event.data)) {
      for (auto id : offline_recipients(*message, {})) recipients.insert(id);
    }
  }
  return std::vector<std::int64_t>(recipients.begin(), recipients.end());
}

// All or nothing; false when the batch must be run again event by event.
bool try_apply_together(kfn::Context& ctx, std::span<PendingPush*> batch) {
  std::vector<std::string> ids;
  for (auto const* push : batch) ids.push_back(push->event.id);
  auto tx = ctx.db().begin();
  try {
    if (kfn::first_deliveries(*tx, ids) != ids.size()) return false;  // which are redeliveries: one by one
    auto const recipients = message_recipients(batch);
    std::optional<std::set<std::int64_t>> online;
    if (recipients) online = online_among(*tx, *recipients);
    for (auto* push : batch) {
      if (apply_push_effects(*tx, push->event, ctx.now(), online ? &*online : nullptr)) return false;
    }
    tx->commit();
  } catch (kfn::SqlError const&) {
    return false;  // e.g. a deadlock with another batch: nothing of this one was kept
  }
  for (auto* push : batch) {
    push->result = kfn::EventResult::done();
    push->applied = true;
  }
  return true;
}

}  // namespace

void apply_push_batch(kfn::Context& leader, std::span<PendingPush*> batch) {
  common::together_or_one_by_one(
      batch, [&](std::span<PendingPush*> all) { return try_apply_together(leader, all); },
      [&](PendingPush& push) { apply_alone(leader, push); });
}

}  // namespace notify

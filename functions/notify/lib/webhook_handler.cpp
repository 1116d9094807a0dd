#include "lib/webhook_handler.h"

#include <algorithm>
#include <stdexcept>

#include "kfn/processed_events.h"
#include "lib/event_reader.h"
#include "lib/outbound_events.h"
#include "lib/projection_store.h"
#include "lib/webhook_outcome.h"

namespace notify {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::int64_t kDefaultTimeoutMs = 5000;

std::chrono::milliseconds webhook_timeout(kfn::Config const& config) {
  try {
    return std::chrono::milliseconds(
        std::clamp<std::int64_t>(config.get_int(kWebhookTimeoutKey, kDefaultTimeoutMs), 100, 30'000));
  } catch (std::invalid_argument const&) {
    return std::chrono::milliseconds(kDefaultTimeoutMs);
  }
}

// Marks in the notify schema's processed-events table; prefixed so they never meet notify-push's ids.
std::string posted_marker(std::string const& event_id) { return "webhook:" + event_id; }

void remember_posted(kfn::Database& db, std::string const& marker) {
  auto tx = db.begin();
  tx->first_delivery(marker);
  tx->commit();
}

kfn::EventResult post_notification(kfn::CloudEvent const& event, kfn::Context& ctx,
                                   WebhookTarget const& target, nlohmann::json const& body,
                                   WebhookPoster const& post) {
  auto const deadline = std::min(ctx.deadline(), Clock::now() + webhook_timeout(ctx.config()));
  HeaderList const headers{{"Idempotency-Key", event.id}, {"User-Agent", "kfn-notify-webhook"}};
  auto outcome = classify_webhook_result(post(target, body.dump(), headers, deadline));
  if (outcome.outcome == kfn::Outcome::kDone) remember_posted(ctx.db(), posted_marker(event.id));
  return outcome;
}

}  // namespace

kfn::EventResult handle_webhook_event(kfn::CloudEvent const& event, kfn::Context& ctx,
                                      WebhookPoster const& post) {
  if (event.type != kNotificationCreated) return kfn::EventResult::done();  // deliveries are the SSE edge's
  auto const url = ctx.config().get(kWebhookUrlKey);
  if (!url || url->empty()) return kfn::EventResult::done();
  auto parsed_url = parse_webhook_url(*url);
  if (auto const* why = std::get_if<std::string>(&parsed_url)) return kfn::EventResult::permanent(*why);
  if (event.id.empty() || event.id.size() > 100)
    return kfn::EventResult::permanent("the event id is missing or too long");

  auto const data = nlohmann::json::parse(event.data, nullptr, false);
  EventReader in(data);
  nlohmann::json const body = {{"recipient_id", in.id("recipient_id")},
                               {"notification", in.object("notification")}};
  if (!in.ok()) return kfn::EventResult::permanent("NotificationCreated: " + in.problem());

  // Push is for users who cannot see the notification arrive on a live stream.
  if (is_online(ctx.db(), body["recipient_id"].get<std::int64_t>())) return kfn::EventResult::done();
  if (kfn::already_processed(ctx.db(), posted_marker(event.id))) return kfn::EventResult::done();
  return post_notification(event, ctx, std::get<WebhookTarget>(parsed_url), body, post);
}

}  // namespace notify

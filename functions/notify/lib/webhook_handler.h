// notify-webhook: POSTs each NotificationCreated for an offline user to KFN_PUSH_WEBHOOK_URL, as
// JSON {recipient_id, notification}. Retries, backoff and dead letters are the Kafka trigger's
// (manifests/functions/notify-webhook.yaml); a delivered record is remembered so a redelivery of it
// does not call the webhook again.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "kfn/context.h"
#include "kfn/event.h"
#include "lib/http_post.h"

namespace notify {

inline constexpr char kWebhookUrlKey[] = "KFN_PUSH_WEBHOOK_URL";
inline constexpr char kWebhookTimeoutKey[] = "KFN_PUSH_WEBHOOK_TIMEOUT_MS";  // default 5000

// The HTTP call, replaceable in tests; post_json in production.
using WebhookPoster =
    std::function<PostResult(WebhookTarget const&, std::string const& body, HeaderList const&,
                             std::chrono::steady_clock::time_point deadline)>;

kfn::EventResult handle_webhook_event(kfn::CloudEvent const& event, kfn::Context& ctx,
                                      WebhookPoster const& post);

}  // namespace notify

// What a webhook's answer means for the NotificationCreated record that caused it: 2xx is done;
// 5xx, 429 and no answer at all are worth retrying (with the trigger's backoff); any other answer
// will not change on retry and goes to the dead-letter topic.
#pragma once

#include "kfn/event.h"
#include "lib/http_post.h"

namespace notify {

kfn::EventResult classify_webhook_result(PostResult const& result);

}  // namespace notify

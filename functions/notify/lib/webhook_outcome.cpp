#include "lib/webhook_outcome.h"

#include <string>

namespace notify {

kfn::EventResult classify_webhook_result(PostResult const& result) {
  if (result.status == 0) return kfn::EventResult::retry("webhook unreachable: " + result.error);
  std::string const answered = "webhook answered " + std::to_string(result.status);
  if (result.status >= 200 && result.status < 300) return kfn::EventResult::done();
  if (result.status == 429 || (result.status >= 500 && result.status < 600))
    return kfn::EventResult::retry(answered);
  if (result.status >= 300 && result.status < 400) {
    return kfn::EventResult::permanent(answered + " (redirects are not followed)");
  }
  return kfn::EventResult::permanent(answered);
}

}  // namespace notify

#include "event_response.h"

namespace kfn::cloudevents {

kfn::HttpResponse response_for(kfn::EventResult const& result) {
  switch (result.outcome) {
    case kfn::Outcome::kDone:
      return kfn::json_response(200, {{"status", "done"}});
    case kfn::Outcome::kRetry: {
      // The reason may carry internal detail (a database error): it is logged, not returned.
      auto response = kfn::error_response(503, "retry", "the function failed transiently; retry");
      response.headers.set("Retry-After", "1");
      return response;
    }
    case kfn::Outcome::kPermanent:
      return kfn::error_response(422, "permanent_failure", "the function can never handle this event");
  }
  return kfn::error_response(500, "internal_error", "internal error");
}

kfn::HttpResponse malformed_event(std::string_view message) {
  return kfn::error_response(400, "invalid_cloudevent", message);
}

}  // namespace kfn::cloudevents

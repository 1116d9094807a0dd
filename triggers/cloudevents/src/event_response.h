// The answers KafkaSource's dispatcher acts on: 2xx commit, 5xx and 429 retry with its backoff, any
// other 4xx dead-letter at once.
#pragma once

#include <string_view>

#include "kfn/event.h"
#include "kfn/http.h"

namespace kfn::cloudevents {

kfn::HttpResponse response_for(kfn::EventResult const& result);
kfn::HttpResponse malformed_event(std::string_view message);

}  // namespace kfn::cloudevents

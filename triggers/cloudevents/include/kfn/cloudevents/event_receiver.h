// Knative's way of invoking an event function: one CloudEvent per HTTP POST, answered with a status
// the dispatcher understands (2xx done, 5xx/429 retry, other 4xx dead letter).
//
//   kfn::cloudevents::EventReceiver receiver(host, "notify-push");
//   HttpResponse response = receiver.handle(request);  // on a worker thread: it runs the function
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "kfn/host/function_host.h"
#include "kfn/http.h"

namespace kfn::cloudevents {

// Thread-safe; `host` must outlive it.
class EventReceiver {
 public:
  EventReceiver(kfn::host::FunctionHost& host, std::string function,
                std::chrono::milliseconds invocation_timeout = std::chrono::seconds(30));

  // 400 for a malformed CloudEvent, 405 for anything but POST; 200 without running the function for
  // a type its manifest's event_types leave out; otherwise the function's outcome: done -> 200,
  // retry -> 503 (Retry-After), permanent -> 422.
  kfn::HttpResponse handle(kfn::HttpRequest const& request);

  [[nodiscard]] std::string const& function() const { return function_; }

 private:
  kfn::host::FunctionHost& host_;
  std::string const function_;
  std::chrono::milliseconds const invocation_timeout_;
  std::function<bool(std::string_view type)> const handles_type_;  // empty: every type
  std::shared_ptr<kfn::Logger> log_;
};

}  // namespace kfn::cloudevents

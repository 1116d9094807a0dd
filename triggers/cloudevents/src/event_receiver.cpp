#include "kfn/cloudevents/event_receiver.h"

#include "event_response.h"
#include "kfn/cloudevents/http_cloud_event.h"
#include "kfn/host/process_log.h"

namespace kfn::cloudevents {
namespace {

// The manifest's event_types filter (every type when it has none, or is no Kafka function).
std::function<bool(std::string_view)> types_handled_by(kfn::host::FunctionHost& host,
                                                       std::string const& function) {
  auto const* manifest = host.catalogue().function(function);
  if (manifest == nullptr || !manifest->kafka || manifest->kafka->event_types.empty()) return {};
  return [trigger = *manifest->kafka](std::string_view type) { return trigger.handles_type(type); };
}

}  // namespace

EventReceiver::EventReceiver(kfn::host::FunctionHost& host, std::string function,
                             std::chrono::milliseconds invocation_timeout)
    : host_(host),
      function_(std::move(function)),
      invocation_timeout_(invocation_timeout),
      handles_type_(types_handled_by(host, function_)),
      log_(kfn::host::with_fields(kfn::host::make_process_logger(),
                                  {{"component", "cloudevents"}, {"function", function_}})) {}

kfn::HttpResponse EventReceiver::handle(kfn::HttpRequest const& request) {
  if (request.method != "POST") {
    auto response = kfn::error_response(405, "method_not_allowed", "events are delivered with POST");
    response.headers.set("Allow", "POST");
    return response;
  }
  auto parsed = parse_http_cloud_event(request);
  if (auto const* malformed = std::get_if<Malformed>(&parsed)) {
    log_->warn("malformed CloudEvent", {{"error", malformed->message}});
    return malformed_event(malformed->message);
  }
  auto const& event = std::get<kfn::CloudEvent>(parsed);
  // KafkaSource has no filter: the records the local trigger passes over arrive here and are done.
  if (handles_type_ && !handles_type_(event.type)) return kfn::json_response(200, {{"status", "skipped"}});

  kfn::host::Invocation invocation;
  invocation.deadline = std::chrono::steady_clock::now() + invocation_timeout_;
  invocation.request_id = event.id;
  // The dispatcher propagates its trace as an HTTP header; an event may also carry its own.
  if (auto traceparent = request.headers.get("traceparent"))
    invocation.traceparent = std::string(*traceparent);
  else if (auto it = event.extensions.find("traceparent"); it != event.extensions.end())
    invocation.traceparent = it->second;
  auto result = host_.invoke_event(function_, event, invocation);
  if (result.outcome != kfn::Outcome::kDone) {
    log_->warn("event function failed",
               {{"event_id", event.id},
                {"outcome", result.outcome == kfn::Outcome::kRetry ? "retry" : "permanent"},
                {"reason", result.reason}});
  }
  return response_for(result);
}

}  // namespace kfn::cloudevents

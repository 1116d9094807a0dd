// The one error boundary every trigger calls functions through: whatever a function throws becomes
// an API.md error (HTTP) or a retry (events), one log line, and the invocation metrics.
#include <algorithm>
#include <chrono>
#include <exception>

#include "kfn/errors.h"
#include "loaded_function.h"

namespace kfn::host {
namespace {

// Records the invocation's duration however the call ends.
class InvocationTimer {
 public:
  explicit InvocationTimer(LoadedFunction& function) : function_(function) { function.invocations->add(); }
  ~InvocationTimer() {
    std::chrono::duration<double> const elapsed = std::chrono::steady_clock::now() - start_;
    function_.duration->observe(elapsed.count());
  }
  InvocationTimer(InvocationTimer const&) = delete;
  InvocationTimer& operator=(InvocationTimer const&) = delete;

 private:
  LoadedFunction& function_;
  std::chrono::steady_clock::time_point const start_ = std::chrono::steady_clock::now();
};

// The exception text goes to the log only, never to the client.
void log_failure(LoadedFunction& function, LogLevel level, std::string_view message,
                 Invocation const& invocation, std::string_view error) {
  nlohmann::json fields = {{"error", std::string(error)}};
  if (!invocation.request_id.empty()) fields["request_id"] = invocation.request_id;
  function.runtime->log->log(level, message, fields);
}

HttpResponse unavailable_response(std::chrono::seconds retry_after) {
  HttpResponse response = error_response(503, "unavailable", "Service temporarily unavailable, retry later");
  response.headers.set("Retry-After", std::to_string(std::max<std::int64_t>(1, retry_after.count())));
  return response;
}

}  // namespace

HttpResponse call_http(LoadedFunction& function, HttpRequest const& request, Invocation const& invocation) {
  InvocationTimer const timer(function);
  HttpResponse response;
  try {
    InvocationContext context(*function.runtime, invocation);
    response = function.library->function().http_handler(request, context);
  } catch (Unavailable const& e) {
    log_failure(function, LogLevel::kWarn, "dependency unavailable", invocation, e.what());
    response = unavailable_response(e.retry_after());
  } catch (std::exception const& e) {
    log_failure(function, LogLevel::kError, "function threw", invocation, e.what());
    response = error_response(500, "internal_error", "internal error");
  } catch (...) {
    log_failure(function, LogLevel::kError, "function threw", invocation, "a non-standard exception");
    response = error_response(500, "internal_error", "internal error");
  }
  if (response.status >= 500) function.errors->add();
  return response;
}

EventResult call_event(LoadedFunction& function, CloudEvent const& event, Invocation const& invocation) {
  InvocationTimer const timer(function);
  EventResult result;
  try {
    InvocationContext context(*function.runtime, invocation);
    result = function.library->function().event_handler(event, context);
  } catch (Unavailable const& e) {
    log_failure(function, LogLevel::kWarn, "dependency unavailable", invocation, e.what());
    result = EventResult::retry(std::string("unavailable: ") + e.what());
  } catch (std::exception const& e) {
    log_failure(function, LogLevel::kError, "function threw", invocation, e.what());
    result = EventResult::retry(std::string("function threw: ") + e.what());
  } catch (...) {
    log_failure(function, LogLevel::kError, "function threw", invocation, "a non-standard exception");
    result = EventResult::retry("function threw a non-standard exception");
  }
  if (result.outcome != Outcome::kDone) function.errors->add();
  return result;
}

}  // namespace kfn::host

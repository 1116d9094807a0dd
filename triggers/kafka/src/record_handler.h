// What a worker does with one record: invoke the function, then finish it, schedule a retry with
// backoff, or dead-letter it (and only finish it once the dead letter is acknowledged).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "backoff.h"
#include "dead_letter.h"
#include "kfn/event.h"
#include "kfn/host/function_host.h"
#include "kfn/log.h"
#include "scheduler.h"

namespace kfn::kafka {

struct HandlerSettings {
  std::string function;
  std::string dead_letter_topic;
  kfn::host::RetryPolicy retry;
  std::chrono::milliseconds invocation_timeout{30'000};
};

// Calls the function through its error boundary (FunctionHost::invoke_event in production).
using Invoke = std::function<kfn::EventResult(kfn::CloudEvent const&, kfn::host::Invocation const&)>;

// Thread-safe: every worker shares one. The scheduler, sink and logger must outlive it, and the sink
// must have reported every send before the handler goes.
class RecordHandler {
 public:
  RecordHandler(HandlerSettings settings, Invoke invoke, Scheduler& scheduler, DeadLetterSink& sink,
                kfn::Logger& log);

  // Runs `work` once and says what became of it.
  Completion handle(WorkPtr const& work);

 private:
  Completion after_failure(WorkPtr const& work, kfn::EventResult const& result, std::string const& traceparent);
  Completion send_dead_letter(WorkPtr const& work);
  void on_dead_letter_delivery(WorkPtr const& work, std::optional<std::string> const& error);
  void log_failure(Work const& work, kfn::EventResult const& result, bool will_retry,
                   std::string const& traceparent);

  HandlerSettings const settings_;
  Invoke const invoke_;
  Scheduler& scheduler_;
  DeadLetterSink& sink_;
  kfn::Logger& log_;
  Backoff backoff_;
};

}  // namespace kfn::kafka

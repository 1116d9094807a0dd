// The retry and dead-letter rules for one record.
#include "record_handler.h"

#include "cloud_event.h"
#include "partition_metrics.h"

namespace kfn::kafka {
namespace {

using Clock = std::chrono::steady_clock;

nlohmann::json where(Work const& work) {
  auto const& record = work.record;
  nlohmann::json fields{
      {"topic", record.source.topic}, {"partition", record.source.partition}, {"offset", record.offset}};
  fields["key"] = record.key ? nlohmann::json(*record.key) : nlohmann::json(nullptr);
  return fields;
}

// The event is built once per record, and the record's value is swapped into it rather than copied
// (a copy per record shows at hundreds of thousands a second); the record keeps the event's old
// buffer for the next record the Work carries. A dead letter reads the value back from the event.
kfn::CloudEvent const& event_of(Work& work) {
  if (!work.event_built) {
    assign_cloud_event(work.event, work.record);
    work.value_was_null = !work.record.value.has_value();
    if (work.record.value)
      std::swap(work.event.data, *work.record.value);
    else
      work.event.data.clear();
    work.event_built = true;
  }
  return work.event;
}

Record original_record(Work const& work) {
  Record original = work.record;
  if (work.event_built) {
    if (work.value_was_null)
      original.value.reset();
    else
      original.value = work.event.data;
  }
  return original;
}

char const* outcome_name(kfn::Outcome outcome) {
  switch (outcome) {
    case kfn::Outcome::kDone:
      return "done";
    case kfn::Outcome::kRetry:
      return "retry";
    case kfn::Outcome::kPermanent:
      return "permanent";
  }
  return "unknown";
}

}  // namespace

RecordHandler::RecordHandler(HandlerSettings settings, Invoke invoke, Scheduler& scheduler,
                             DeadLetterSink& sink, kfn::Logger& log)
    : settings_(std::move(settings)),
      invoke_(std::move(invoke)),
      scheduler_(scheduler),
      sink_(sink),
      log_(log),
      backoff_(settings_.retry) {}

Completion RecordHandler::handle(WorkPtr const& work) {
  if (work->stage == Stage::kDeadLetter) return send_dead_letter(work);
  ++work->attempts;
  auto const& event = event_of(*work);
  auto& invocation = work->invocation;
  invocation.deadline = work->started_at + settings_.invocation_timeout;  // taken just now, by this worker
  invocation.request_id.assign(event.id);
  invocation.traceparent.assign(traceparent_of(work->record.headers));
  auto result = invoke_(event, invocation);
  if (result.outcome == kfn::Outcome::kDone) {
    if (work->metrics != nullptr) work->metrics->handled.add();
    return Completion::finished();
  }
  return after_failure(work, result, invocation.traceparent);
}

Completion RecordHandler::after_failure(WorkPtr const& work, kfn::EventResult const& result,
                                        std::string const& traceparent) {
  if (work->metrics != nullptr) work->metrics->failures.add();
  bool const will_retry = result.outcome == kfn::Outcome::kRetry && work->attempts < settings_.retry.attempts;
  log_failure(*work, result, will_retry, traceparent);
  if (will_retry) {
    if (work->metrics != nullptr) work->metrics->retries.add();
    return Completion::retry_at(Clock::now() + backoff_.delay(work->attempts));
  }
  work->stage = Stage::kDeadLetter;
  work->error = result.reason.empty() ? outcome_name(result.outcome) : result.reason;
  return send_dead_letter(work);
}

Completion RecordHandler::send_dead_letter(WorkPtr const& work) {
  auto letter =
      dead_letter_for(original_record(*work), settings_.dead_letter_topic, work->error, work->attempts);
  // The sink may answer before send() returns; pending() below then changes nothing.
  sink_.send(std::move(letter),
             [this, work](std::optional<std::string> error) { on_dead_letter_delivery(work, error); });
  return Completion::pending();
}

void RecordHandler::on_dead_letter_delivery(WorkPtr const& work, std::optional<std::string> const& error) {
  if (!error) {
    if (work->metrics != nullptr) work->metrics->dead_letters.add();
    scheduler_.complete(work, Completion::finished());
    return;
  }
  // Never dropped: the offset stays uncommitted and the write is tried again after a backoff.
  ++work->dead_letter_attempts;
  if (work->metrics != nullptr) work->metrics->dead_letter_failures.add();
  auto fields = where(*work);
  fields["function"] = settings_.function;
  fields["dead_letter_topic"] = settings_.dead_letter_topic;
  fields["error"] = *error;
  fields["write_attempt"] = work->dead_letter_attempts;
  log_.error("dead-letter write failed, will retry", fields);
  scheduler_.complete(work, Completion::retry_at(Clock::now() + backoff_.delay(work->dead_letter_attempts)));
}

void RecordHandler::log_failure(Work const& work, kfn::EventResult const& result, bool will_retry,
                                std::string const& traceparent) {
  auto fields = where(work);
  fields["function"] = settings_.function;
  fields["attempt"] = work.attempts;
  fields["max_attempts"] = settings_.retry.attempts;
  fields["outcome"] = outcome_name(result.outcome);
  fields["reason"] = result.reason;
  fields["trace_id"] = std::string(trace_id_of(traceparent));
  fields["next"] = will_retry ? "retry" : "dead_letter";
  log_.warn("event function failed", fields);
}

}  // namespace kfn::kafka

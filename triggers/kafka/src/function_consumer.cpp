// Wiring one function's pipeline: consumer -> scheduler -> workers -> FunctionHost / dead letters.
#include "function_consumer.h"

#include <algorithm>

#include "client_config.h"

namespace kfn::kafka {
namespace {

HandlerSettings handler_settings(kfn::host::FunctionManifest const& manifest) {
  auto const& trigger = *manifest.kafka;
  HandlerSettings settings;
  settings.function = manifest.name;
  settings.dead_letter_topic =
      trigger.dead_letter_topic.empty() ? manifest.name + ".dlq" : trigger.dead_letter_topic;
  settings.retry = trigger.retry;
  return settings;
}

ConsumerSettings consumer_settings(kfn::host::FunctionManifest const& manifest, TriggerOptions const& options,
                                   WorkerPool& workers) {
  ConsumerSettings settings;
  settings.run_record = [&workers](WorkPtr const& work) { return workers.run_one(work); };
  settings.function = manifest.name;
  settings.topics = manifest.kafka->topics;
  settings.max_in_flight_per_partition =
      static_cast<std::size_t>(std::max(1, manifest.kafka->max_in_flight_per_partition));
  settings.revoke_drain_timeout = options.revoke_drain_timeout;
  if (!manifest.kafka->event_types.empty()) {
    settings.handles_type = [trigger = *manifest.kafka](std::string_view type) {
      return trigger.handles_type(type);
    };
  }
  return settings;
}

Invoke through_host(kfn::host::FunctionHost& host, std::string function) {
  return [&host, function = std::move(function)](kfn::CloudEvent const& event,
                                                 kfn::host::Invocation const& invocation) {
    return host.invoke_event(function, event, invocation);
  };
}

}  // namespace

FunctionConsumer::FunctionConsumer(kfn::host::FunctionManifest const& manifest, kfn::host::FunctionHost& host,
                                   DeadLetterSink& sink, kfn::host::MetricsRegistry& registry,
                                   std::string const& brokers, TriggerOptions const& options,
                                   kfn::Logger& log)
    : metrics_(registry, manifest.name),
      handler_(handler_settings(manifest), through_host(host, manifest.name), scheduler_, sink, log),
      workers_(scheduler_, handler_, log),
      consumer_(consumer_properties(brokers, manifest.name, *manifest.kafka, options),
                consumer_settings(manifest, options, workers_), scheduler_, metrics_, log),
      concurrency_(std::max(1, manifest.kafka->concurrency)) {}

FunctionConsumer::~FunctionConsumer() {
  request_stop(std::chrono::steady_clock::now());
  join();
}

void FunctionConsumer::start() {
  workers_.start(concurrency_);
  consumer_.start();
}

void FunctionConsumer::request_stop(std::chrono::steady_clock::time_point deadline) {
  consumer_.request_stop(deadline);
}

void FunctionConsumer::join() {
  consumer_.join();
  scheduler_.stop();
  workers_.join();
}

}  // namespace kfn::kafka

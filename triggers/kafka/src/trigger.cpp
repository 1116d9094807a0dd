// The Kafka trigger: one FunctionConsumer per Kafka-triggered function, one dead-letter producer.
#include "kfn/kafka/trigger.h"

#include <algorithm>
#include <vector>

#include "client_config.h"
#include "dead_letter_producer.h"
#include "function_consumer.h"

namespace kfn::kafka {

struct Trigger::Impl {
  kfn::host::FunctionHost& host;
  kfn::host::MetricsRegistry& metrics;
  std::string brokers;
  std::shared_ptr<kfn::Logger> log;
  TriggerOptions options;
  // Declared before the consumers so it is destroyed after them: their records may await its reports.
  std::unique_ptr<DeadLetterProducer> dead_letters;
  std::vector<std::unique_ptr<FunctionConsumer>> consumers;

  void create_consumers() {
    for (auto const* manifest : host.functions()) {
      if (!manifest->kafka) continue;
      if (!dead_letters) dead_letters = std::make_unique<DeadLetterProducer>(producer_properties(brokers, options), *log);
      consumers.push_back(
          std::make_unique<FunctionConsumer>(*manifest, host, *dead_letters, metrics, brokers, options, *log));
    }
  }

  // The producer closes (reporting every write) before the consumers that wait for its reports go.
  void shut_down(std::chrono::steady_clock::time_point deadline) {
    for (auto& consumer : consumers) consumer->request_stop(deadline);
    for (auto& consumer : consumers) consumer->join();
    if (dead_letters) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      dead_letters->close(std::max(left, std::chrono::milliseconds(0)));
    }
    consumers.clear();
    dead_letters.reset();
  }
};

Trigger::Trigger(kfn::host::FunctionHost& host, kfn::host::MetricsRegistry& metrics, std::string brokers,
                 std::shared_ptr<kfn::Logger> log, TriggerOptions options)
    : impl_(std::make_unique<Impl>(host, metrics, std::move(brokers), std::move(log), std::move(options))) {}

Trigger::~Trigger() { stop(std::chrono::seconds(10)); }

void Trigger::start() {
  if (!impl_->consumers.empty()) return;
  try {
    impl_->create_consumers();
  } catch (...) {
    impl_->shut_down(std::chrono::steady_clock::now());
    throw;
  }
  for (auto& consumer : impl_->consumers) consumer->start();
  if (!impl_->consumers.empty()) {
    impl_->log->info("kafka trigger started", {{"functions", impl_->consumers.size()}, {"brokers", impl_->brokers}});
  }
}

void Trigger::stop(std::chrono::milliseconds grace) {
  if (impl_->consumers.empty() && !impl_->dead_letters) return;
  impl_->shut_down(std::chrono::steady_clock::now() + grace);
  impl_->log->info("kafka trigger stopped");
}

}  // namespace kfn::kafka

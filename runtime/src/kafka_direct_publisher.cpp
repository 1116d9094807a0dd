#include "kafka_direct_publisher.h"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "kfn/errors.h"
#include "kfn/host/kafka_record.h"

namespace kfn::host {
namespace {

// The acks one publish_confirmed call waits for. Shared with the delivery callbacks, which may run
// after the caller gave up waiting.
struct PendingAcks {
  std::mutex mutex;
  std::condition_variable settled;
  std::size_t outstanding = 0;
  std::optional<KafkaError> first_error;

  void settle(std::optional<KafkaError> const& error) {
    {
      std::lock_guard const lock(mutex);
      if (error && !first_error) first_error = error;
      --outstanding;
    }
    settled.notify_all();
  }
};

}  // namespace

void KafkaDirectPublisher::publish(DomainEvent event, EventOrigin const& origin) {
  auto record =
      to_kafka_record(event, origin.function_name, origin.traceparent, std::chrono::system_clock::now());
  producer_.produce(record,
                    [this, topic = record.topic, type = event.type](std::optional<KafkaError> const& error) {
                      if (error)
                        log_.error("event lost: delivery failed",
                                   {{"topic", topic}, {"type", type}, {"error", error->message}});
                    });
}

void KafkaDirectPublisher::publish_confirmed(std::vector<DomainEvent> events, EventOrigin const& origin) {
  if (events.empty()) return;
  auto acks = std::make_shared<PendingAcks>();
  auto const now = std::chrono::system_clock::now();
  for (auto const& event : events) {
    auto record = to_kafka_record(event, origin.function_name, origin.traceparent, now);
    {
      std::lock_guard const lock(acks->mutex);
      ++acks->outstanding;
    }
    try {
      producer_.produce(record, [acks](std::optional<KafkaError> const& error) { acks->settle(error); });
    } catch (...) {
      acks->settle(std::nullopt);  // never queued: nothing to wait for; the throw tells the caller
      throw;
    }
  }
  std::unique_lock lock(acks->mutex);
  if (!acks->settled.wait_for(lock, confirm_wait_, [&] { return acks->outstanding == 0; }))
    throw Unavailable("kafka has not acknowledged the events yet");
  if (acks->first_error) throw Unavailable("kafka did not take the events: " + acks->first_error->message);
}

}  // namespace kfn::host

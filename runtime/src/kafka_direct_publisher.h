// Services::publisher() when Kafka is configured: domain events straight to the process's producer,
// either fire-and-forget (a failure is logged) or confirmed (the caller waits for every ack).
#pragma once

#include <chrono>
#include <vector>

#include "kafka_producer.h"
#include "kfn/host/services.h"
#include "kfn/log.h"

namespace kfn::host {

class KafkaDirectPublisher final : public DirectPublisher {
 public:
  // `confirm_wait` bounds publish_confirmed: a record still unacknowledged then makes it throw (the
  // record may yet be delivered; the caller's retry then repeats it, at least once as promised).
  KafkaDirectPublisher(KafkaProducer& producer, Logger& log,
                       std::chrono::milliseconds confirm_wait = std::chrono::seconds(10))
      : producer_(producer), log_(log), confirm_wait_(confirm_wait) {}

  void publish(DomainEvent event, EventOrigin const& origin) override;
  void publish_confirmed(std::vector<DomainEvent> events, EventOrigin const& origin) override;

 private:
  KafkaProducer& producer_;
  Logger& log_;
  std::chrono::milliseconds const confirm_wait_;
};

}  // namespace kfn::host

// Consumes the deliveries topic in a consumer group of this process alone, so every edge process
// sees every delivery (each writes to the streams it holds). The group starts at the end of each
// partition: a new edge has no streams that could want older records, and resuming clients are
// served from the Redis history.
//
// start()/stop() from one owning thread; the callback runs on the consumer's own thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "delivery.h"
#include "kfn/log.h"

namespace kfn::sse {

class DeliveryConsumer {
 public:
  struct Settings {
    std::string brokers;
    std::string topic;
    std::string group_id;  // unique per process
  };

  DeliveryConsumer(Settings settings, std::function<void(Delivery const&)> on_delivery, Logger& log);
  ~DeliveryConsumer();  // stops
  DeliveryConsumer(DeliveryConsumer const&) = delete;
  DeliveryConsumer& operator=(DeliveryConsumer const&) = delete;

  // Returns once the group owns the topic's partitions at their current ends (so nothing published
  // afterwards is missed), or after `patience` with a warning. Throws when librdkafka refuses.
  void start(std::chrono::milliseconds patience);
  void stop();

 private:
  struct Client;
  void run();

  Settings const settings_;
  std::function<void(Delivery const&)> on_delivery_;
  Logger& log_;
  std::unique_ptr<Client> client_;
  std::atomic<bool> running_{false};
  std::thread thread_;
};

}  // namespace kfn::sse

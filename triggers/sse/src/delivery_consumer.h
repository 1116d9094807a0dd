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
#include <vector>

#include "delivery.h"
#include "kfn/log.h"

namespace kfn::sse {

class DeliveryConsumer {
 public:
  struct Settings {
    std::string brokers;
    std::string topic;
    std::string group_id;                      // unique per process
    std::chrono::milliseconds fetch_wait{20};  // see consumer_properties.h
  };

  // `on_batch` gets what one poll round returned (up to kMaxBatch deliveries, in partition order).
  DeliveryConsumer(Settings settings, std::function<void(std::vector<Delivery> const&)> on_batch,
                   Logger& log);
  static constexpr std::size_t kMaxBatch = 512;
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
  std::function<void(std::vector<Delivery> const&)> on_batch_;
  Logger& log_;
  std::unique_ptr<Client> client_;
  std::atomic<bool> running_{false};
  std::thread thread_;
};

}  // namespace kfn::sse

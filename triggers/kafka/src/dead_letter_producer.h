// The dead-letter writer: an idempotent librdkafka producer (acks=all) with its own poll thread that
// reports each write's delivery. A fatal producer error replaces the producer; writes it failed are
// reported as failed, so their records are written again rather than lost.
#pragma once

#include <atomic>
#include <chrono>
#include <shared_mutex>
#include <thread>

#include "client_config.h"
#include "dead_letter.h"
#include "holders.h"
#include "kfn/log.h"

namespace kfn::kafka {

// send() is thread-safe; the constructor, close() and the destructor belong to one owning thread.
// Every OnDelivery has been called when close() returns.
class DeadLetterProducer final : public DeadLetterSink {
 public:
  // Throws std::invalid_argument / KafkaException when the producer cannot be created.
  DeadLetterProducer(Properties properties, kfn::Logger& log);
  ~DeadLetterProducer() override;  // close(0) if still open
  DeadLetterProducer(DeadLetterProducer const&) = delete;
  DeadLetterProducer& operator=(DeadLetterProducer const&) = delete;

  void send(OutgoingRecord record, OnDelivery on_delivery) override;

  // Waits up to `grace` for outstanding writes, reports the rest as failed and stops polling.
  void close(std::chrono::milliseconds grace);

 private:
  ClientHandle create_client();
  void poll_loop();
  void replace_if_fatal();
  static void on_message_delivered(rd_kafka_t* client, rd_kafka_message_t const* message, void* opaque);
  static void on_log(rd_kafka_t const* client, int level, char const* facility, char const* message);

  Properties const properties_;
  kfn::Logger& log_;
  std::shared_mutex client_mutex_;  // exclusive only while a fatal error replaces the client
  ClientHandle client_;
  std::atomic<bool> stopping_{false};
  std::thread poller_;
};

}  // namespace kfn::kafka

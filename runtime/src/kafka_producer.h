// The process's one idempotent Kafka producer (acks=all, retries without duplicates or reordering),
// with a thread that serves delivery reports. QUEUE_FULL is backpressure: produce() waits a bounded
// time for room, then throws kfn::Unavailable.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "kafka_error.h"
#include "kafka_holders.h"
#include "kfn/host/kafka_record.h"
#include "kfn/log.h"

namespace kfn::host {

struct ProducerSettings {
  std::string brokers;
  std::chrono::milliseconds linger{2};
  // How long a record may wait for a broker before its delivery fails.
  std::chrono::milliseconds message_timeout{60'000};
  // How long produce() waits for room in a full queue.
  std::chrono::milliseconds queue_full_wait{500};
  KafkaProperties overrides{};  // any other librdkafka property, applied last
};

// Runs once per record on the poll thread: no error on delivery. Must be quick and must not throw.
using DeliveryCallback = std::function<void(std::optional<KafkaError> const& error)>;

// Thread-safe, except that close() must not race produce(); produce() after close() throws.
// close() (or the destructor) runs every outstanding callback before returning, so whatever the
// callbacks reference must outlive close().
class KafkaProducer {
 public:
  KafkaProducer(ProducerSettings const& settings, Logger& log);
  ~KafkaProducer();
  KafkaProducer(KafkaProducer const&) = delete;
  KafkaProducer& operator=(KafkaProducer const&) = delete;

  // Queues the record. Throws kfn::Unavailable when the queue stays full or the producer failed for
  // good, std::runtime_error for a record Kafka will never take (e.g. too large).
  void produce(KafkaRecord const& record, DeliveryCallback on_delivery);
  // Waits until every queued record is delivered or failed; false on timeout.
  bool flush(std::chrono::milliseconds timeout);
  // Flushes for at most `grace`, fails what is left (callbacks see a purge error), stops the poll thread.
  void close(std::chrono::milliseconds grace);
  // Asks a broker for metadata; fills `detail` when none answers in time.
  bool reachable(std::chrono::milliseconds timeout, std::string& detail);

  [[nodiscard]] std::uint64_t delivered() const { return delivered_.load(std::memory_order_relaxed); }
  [[nodiscard]] std::uint64_t failed() const { return failed_.load(std::memory_order_relaxed); }
  [[nodiscard]] int queued() const;

 private:
  static void on_delivery_report(rd_kafka_t* handle, rd_kafka_message_t const* message, void* opaque);
  static void on_error(rd_kafka_t* handle, int code, char const* reason, void* opaque);
  static void on_log(rd_kafka_t const* handle, int level, char const* facility, char const* text);
  void deliver(rd_kafka_message_t const& message);
  rd_kafka_resp_err_t try_produce(KafkaRecord const& record, DeliveryCallback*& on_delivery);
  void poll_loop();
  std::uint64_t room_generation();

  Logger& log_;
  std::chrono::milliseconds const queue_full_wait_;
  KafkaHandle handle_;
  std::thread poller_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> closed_{false};
  std::mutex room_mutex_;
  std::condition_variable room_;       // signalled when a delivery report frees queue space
  std::uint64_t room_generation_ = 0;  // bumped with each such report, so no wake-up is lost
  std::atomic<std::uint64_t> delivered_{0};
  std::atomic<std::uint64_t> failed_{0};
};

}  // namespace kfn::host

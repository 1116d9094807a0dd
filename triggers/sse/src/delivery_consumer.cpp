#include "delivery_consumer.h"

#include <librdkafka/rdkafka.h>

#include <stdexcept>

#include "consumer_properties.h"
#include "kfn/host/thread_name.h"

namespace kfn::sse {
namespace {

template <typename T, void (*Destroy)(T*)>
struct RdDeleter {
  void operator()(T* handle) const {
    if (handle != nullptr) Destroy(handle);
  }
};
using ClientHandle = std::unique_ptr<rd_kafka_t, RdDeleter<rd_kafka_t, rd_kafka_destroy>>;
using ConfHandle = std::unique_ptr<rd_kafka_conf_t, RdDeleter<rd_kafka_conf_t, rd_kafka_conf_destroy>>;
using ListHandle =
    std::unique_ptr<rd_kafka_topic_partition_list_t,
                    RdDeleter<rd_kafka_topic_partition_list_t, rd_kafka_topic_partition_list_destroy>>;
using MessageHandle =
    std::unique_ptr<rd_kafka_message_t, RdDeleter<rd_kafka_message_t, rd_kafka_message_destroy>>;

void set(rd_kafka_conf_t* conf, char const* key, std::string const& value) {
  char error[512];
  if (rd_kafka_conf_set(conf, key, value.c_str(), error, sizeof error) != RD_KAFKA_CONF_OK)
    throw std::invalid_argument(std::string("sse consumer: ") + key + ": " + error);
}

std::chrono::system_clock::time_point record_time(rd_kafka_message_t const* message) {
  rd_kafka_timestamp_type_t type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
  auto const ms = rd_kafka_message_timestamp(message, &type);
  if (type == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE || ms < 0) return std::chrono::system_clock::now();
  return std::chrono::system_clock::time_point(std::chrono::milliseconds(ms));
}

}  // namespace

// The handle plus the assignment handshake between the rebalance callback and start().
struct DeliveryConsumer::Client {
  ClientHandle handle;
  std::mutex mutex;
  std::condition_variable assigned_cv;
  bool assigned = false;
  Logger* log = nullptr;

  // Pins each assigned partition at its high watermark, read now: "latest" would be resolved later,
  // and a record published in between would be skipped.
  static void on_rebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                           rd_kafka_topic_partition_list_t* partitions, void* opaque) {
    auto* self = static_cast<Client*>(opaque);
    if (err != RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
      rd_kafka_assign(rk, nullptr);
      return;
    }
    for (int i = 0; i < partitions->cnt; ++i) {
      auto& partition = partitions->elems[i];
      int64_t low = 0;
      int64_t high = 0;
      if (rd_kafka_query_watermark_offsets(rk, partition.topic, partition.partition, &low, &high, 5000) ==
          RD_KAFKA_RESP_ERR_NO_ERROR) {
        partition.offset = high;
      } else {
        partition.offset = RD_KAFKA_OFFSET_END;
      }
    }
    rd_kafka_assign(rk, partitions);
    {
      std::lock_guard lock(self->mutex);
      self->assigned = true;
    }
    self->assigned_cv.notify_all();
  }
};

DeliveryConsumer::DeliveryConsumer(Settings settings,
                                   std::function<void(std::vector<Delivery> const&)> on_batch, Logger& log)
    : settings_(std::move(settings)), on_batch_(std::move(on_batch)), log_(log) {}

DeliveryConsumer::~DeliveryConsumer() { stop(); }

void DeliveryConsumer::start(std::chrono::milliseconds patience) {
  client_ = std::make_unique<Client>();
  client_->log = &log_;
  ConfHandle conf(rd_kafka_conf_new());
  for (auto const& [key, value] :
       consumer_properties(settings_.brokers, settings_.group_id, settings_.fetch_wait))
    set(conf.get(), key.c_str(), value);
  rd_kafka_conf_set_opaque(conf.get(), client_.get());
  rd_kafka_conf_set_rebalance_cb(conf.get(), &Client::on_rebalance);
  char error[512];
  client_->handle.reset(rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), error, sizeof error));
  if (!client_->handle) throw std::runtime_error(std::string("sse consumer: ") + error);
  conf.release();  // owned by the client now
  rd_kafka_poll_set_consumer(client_->handle.get());
  ListHandle topics(rd_kafka_topic_partition_list_new(1));
  rd_kafka_topic_partition_list_add(topics.get(), settings_.topic.c_str(), RD_KAFKA_PARTITION_UA);
  if (auto err = rd_kafka_subscribe(client_->handle.get(), topics.get()); err != RD_KAFKA_RESP_ERR_NO_ERROR)
    throw std::runtime_error(std::string("sse consumer: subscribe: ") + rd_kafka_err2str(err));

  running_.store(true);
  thread_ = std::thread([this] { run(); });
  std::unique_lock lock(client_->mutex);
  if (!client_->assigned_cv.wait_for(lock, patience, [&] { return client_->assigned; })) {
    log_.warn("sse: deliveries topic not assigned yet; streaming starts once it is",
              {{"topic", settings_.topic}});
  }
}

// Waits for a record, then takes whatever else is already fetched (up to kMaxBatch), so history
// writes go to Redis in one round trip per batch rather than one per delivery.
void DeliveryConsumer::run() {
  kfn::host::name_this_thread("kfn-sse-poll");
  std::vector<Delivery> batch;
  while (running_.load()) {
    batch.clear();
    int wait_ms = 200;
    while (batch.size() < kMaxBatch) {
      MessageHandle message(rd_kafka_consumer_poll(client_->handle.get(), wait_ms));
      if (!message) break;
      wait_ms = 0;
      if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        if (message->err != RD_KAFKA_RESP_ERR__PARTITION_EOF)
          log_.warn("sse consumer", {{"error", rd_kafka_message_errstr(message.get())}});
        continue;
      }
      std::string_view const value(static_cast<char const*>(message->payload), message->len);
      // NotificationCreated and anything else that is not a delivery is skipped.
      if (auto delivery = parse_delivery(value, message->offset, record_time(message.get())))
        batch.push_back(std::move(*delivery));
    }
    if (batch.empty()) continue;
    try {
      on_batch_(batch);
    } catch (std::exception const& e) {
      log_.error("sse: deliveries failed", {{"count", batch.size()}, {"error", e.what()}});
    }
  }
}

void DeliveryConsumer::stop() {
  if (!running_.exchange(false)) return;
  if (thread_.joinable()) thread_.join();
  rd_kafka_consumer_close(client_->handle.get());
  client_->handle.reset();
}

}  // namespace kfn::sse

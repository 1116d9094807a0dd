// Owning handles for librdkafka objects, declared once: every handle lives in one of these.
// A consumer must be closed (rd_kafka_consumer_close) before its holder destroys it; see ConsumerLoop.
#pragma once

#include <librdkafka/rdkafka.h>

#include <memory>

namespace kfn::kafka {

template <typename T, void (*Destroy)(T*)>
struct RdDeleter {
  void operator()(T* handle) const {
    if (handle != nullptr) Destroy(handle);
  }
};

using ClientHandle = std::unique_ptr<rd_kafka_t, RdDeleter<rd_kafka_t, rd_kafka_destroy>>;
using ConfHandle = std::unique_ptr<rd_kafka_conf_t, RdDeleter<rd_kafka_conf_t, rd_kafka_conf_destroy>>;
using PartitionListHandle =
    std::unique_ptr<rd_kafka_topic_partition_list_t,
                    RdDeleter<rd_kafka_topic_partition_list_t, rd_kafka_topic_partition_list_destroy>>;
using MessageHandle = std::unique_ptr<rd_kafka_message_t, RdDeleter<rd_kafka_message_t, rd_kafka_message_destroy>>;
using ErrorHandle = std::unique_ptr<rd_kafka_error_t, RdDeleter<rd_kafka_error_t, rd_kafka_error_destroy>>;
using HeadersHandle = std::unique_ptr<rd_kafka_headers_t, RdDeleter<rd_kafka_headers_t, rd_kafka_headers_destroy>>;
using QueueHandle = std::unique_ptr<rd_kafka_queue_t, RdDeleter<rd_kafka_queue_t, rd_kafka_queue_destroy>>;

}  // namespace kfn::kafka

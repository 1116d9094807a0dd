// librdkafka's handles, each owned by a unique_ptr with its destroy function, declared once; plus
// building a configuration from name/value pairs, where librdkafka reports typos.
#pragma once

#include <librdkafka/rdkafka.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace kfn::host {

struct KafkaHandleDestroyer {
  void operator()(rd_kafka_t* handle) const { rd_kafka_destroy(handle); }
};
struct KafkaConfDestroyer {
  void operator()(rd_kafka_conf_t* conf) const { rd_kafka_conf_destroy(conf); }
};
struct KafkaMetadataDestroyer {
  void operator()(rd_kafka_metadata_t const* metadata) const { rd_kafka_metadata_destroy(metadata); }
};
struct KafkaErrorDestroyer {
  void operator()(rd_kafka_error_t* error) const { rd_kafka_error_destroy(error); }
};
struct KafkaMessageDestroyer {
  void operator()(rd_kafka_message_t* message) const { rd_kafka_message_destroy(message); }
};
struct KafkaPartitionListDestroyer {
  void operator()(rd_kafka_topic_partition_list_t* list) const {
    rd_kafka_topic_partition_list_destroy(list);
  }
};

using KafkaHandle = std::unique_ptr<rd_kafka_t, KafkaHandleDestroyer>;
using KafkaConfHandle = std::unique_ptr<rd_kafka_conf_t, KafkaConfDestroyer>;
using KafkaMetadataHandle = std::unique_ptr<rd_kafka_metadata_t const, KafkaMetadataDestroyer>;
using KafkaErrorHandle = std::unique_ptr<rd_kafka_error_t, KafkaErrorDestroyer>;
using KafkaMessageHandle = std::unique_ptr<rd_kafka_message_t, KafkaMessageDestroyer>;
using KafkaPartitionListHandle =
    std::unique_ptr<rd_kafka_topic_partition_list_t, KafkaPartitionListDestroyer>;

using KafkaProperties = std::vector<std::pair<std::string, std::string>>;

// Throws std::invalid_argument naming the property librdkafka refused.
inline KafkaConfHandle make_kafka_conf(KafkaProperties const& properties) {
  KafkaConfHandle conf(rd_kafka_conf_new());
  char error[512];
  for (auto const& [name, value] : properties) {
    if (rd_kafka_conf_set(conf.get(), name.c_str(), value.c_str(), error, sizeof error) != RD_KAFKA_CONF_OK) {
      throw std::invalid_argument("kafka: " + name + ": " + error);
    }
  }
  return conf;
}

// Takes the configuration (librdkafka owns it from here on success). Throws std::runtime_error.
inline KafkaHandle make_kafka_handle(rd_kafka_type_t type, KafkaConfHandle conf) {
  char error[512];
  KafkaHandle handle(rd_kafka_new(type, conf.get(), error, sizeof error));
  if (!handle) throw std::runtime_error(std::string("kafka: cannot create client: ") + error);
  static_cast<void>(conf.release());
  return handle;
}

}  // namespace kfn::host

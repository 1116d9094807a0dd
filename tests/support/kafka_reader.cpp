// librdkafka consumer for tests.
#include "kafka_reader.h"

#include <librdkafka/rdkafka.h>

#include <deque>
#include <memory>
#include <random>
#include <stdexcept>

namespace kfn::test {

struct KafkaReader::Impl {
  std::unique_ptr<rd_kafka_t, decltype(&rd_kafka_destroy)> consumer{nullptr, &rd_kafka_destroy};
  // Records read while looking for something else, oldest first: a later find() may want them.
  std::deque<ConsumedRecord> unmatched;
};

KafkaReader::KafkaReader(std::string const& bootstrap, std::string const& topic) : impl_(new Impl) {
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  std::random_device rd;
  auto group = "kfn-test-reader-" + std::to_string(rd());
  auto set = [&](char const* key, std::string const& value) {
    if (rd_kafka_conf_set(conf, key, value.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK) {
      throw std::runtime_error(err);
    }
  };
  set("bootstrap.servers", bootstrap);
  set("group.id", group);
  set("auto.offset.reset", "earliest");
  set("enable.auto.commit", "false");
  impl_->consumer.reset(rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err));
  if (!impl_->consumer) throw std::runtime_error(err);
  rd_kafka_poll_set_consumer(impl_->consumer.get());
  std::unique_ptr<rd_kafka_topic_partition_list_t, decltype(&rd_kafka_topic_partition_list_destroy)> topics(
      rd_kafka_topic_partition_list_new(1), &rd_kafka_topic_partition_list_destroy);
  rd_kafka_topic_partition_list_add(topics.get(), topic.c_str(), RD_KAFKA_PARTITION_UA);
  if (auto e = rd_kafka_subscribe(impl_->consumer.get(), topics.get()); e != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw std::runtime_error(rd_kafka_err2str(e));
  }
}

KafkaReader::~KafkaReader() {
  if (impl_->consumer) rd_kafka_consumer_close(impl_->consumer.get());
  delete impl_;
}

namespace {

ConsumedRecord to_record(rd_kafka_message_t const* msg) {
  ConsumedRecord record;
  record.topic = rd_kafka_topic_name(msg->rkt);
  record.partition = msg->partition;
  record.offset = msg->offset;
  if (msg->key) record.key.assign(static_cast<char const*>(msg->key), msg->key_len);
  if (msg->payload) record.value.assign(static_cast<char const*>(msg->payload), msg->len);
  rd_kafka_headers_t* headers = nullptr;
  if (rd_kafka_message_headers(msg, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR) {
    const char* name;
    const void* value;
    size_t size;
    for (size_t i = 0;
         rd_kafka_header_get_all(headers, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i) {
      record.headers[name] = value ? std::string(static_cast<char const*>(value), size) : std::string();
    }
  }
  return record;
}

}  // namespace

std::optional<ConsumedRecord> KafkaReader::find(std::function<bool(ConsumedRecord const&)> const& match,
                                                std::chrono::milliseconds timeout) {
  auto& unmatched = impl_->unmatched;
  for (auto it = unmatched.begin(); it != unmatched.end(); ++it) {
    if (!match(*it)) continue;
    auto record = std::move(*it);
    unmatched.erase(it);
    return record;
  }
  auto const give_up = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < give_up) {
    std::unique_ptr<rd_kafka_message_t, decltype(&rd_kafka_message_destroy)> msg(
        rd_kafka_consumer_poll(impl_->consumer.get(), 200), &rd_kafka_message_destroy);
    if (!msg || msg->err) continue;
    auto record = to_record(msg.get());
    if (match(record)) return record;
    unmatched.push_back(std::move(record));
  }
  return std::nullopt;
}

}  // namespace kfn::test

// librdkafka message -> Record.
#include "message_record.h"

namespace kfn::kafka {
namespace {

Headers copy_headers(rd_kafka_message_t const& message) {
  Headers headers;
  rd_kafka_headers_t* raw = nullptr;  // owned by the message
  if (rd_kafka_message_headers(&message, &raw) != RD_KAFKA_RESP_ERR_NO_ERROR) return headers;
  headers.reserve(rd_kafka_header_cnt(raw));
  char const* name = nullptr;
  void const* value = nullptr;
  std::size_t size = 0;
  for (std::size_t i = 0; rd_kafka_header_get_all(raw, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i) {
    headers.emplace_back(name, value ? std::string(static_cast<char const*>(value), size) : std::string());
  }
  return headers;
}

}  // namespace

Record to_record(rd_kafka_message_t const& message) {
  Record record;
  record.source.topic = rd_kafka_topic_name(message.rkt);
  record.source.partition = message.partition;
  record.offset = message.offset;
  if (message.key != nullptr) record.key.emplace(static_cast<char const*>(message.key), message.key_len);
  if (message.payload != nullptr) record.value.emplace(static_cast<char const*>(message.payload), message.len);
  record.headers = copy_headers(message);
  return record;
}

}  // namespace kfn::kafka

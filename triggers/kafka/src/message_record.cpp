// librdkafka message -> Record.
#include "message_record.h"

namespace kfn::kafka {
namespace {

void assign_headers(Headers& headers, rd_kafka_message_t const& message) {
  rd_kafka_headers_t* raw = nullptr;  // owned by the message
  if (rd_kafka_message_headers(&message, &raw) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    headers.clear();
    return;
  }
  headers.resize(rd_kafka_header_cnt(raw));
  char const* name = nullptr;
  void const* value = nullptr;
  std::size_t size = 0;
  std::size_t count = 0;
  for (; count < headers.size() &&
         rd_kafka_header_get_all(raw, count, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR;
       ++count) {
    headers[count].first.assign(name);
    if (value != nullptr)
      headers[count].second.assign(static_cast<char const*>(value), size);
    else
      headers[count].second.clear();
  }
  headers.resize(count);
}

void assign_bytes(std::optional<std::string>& field, void const* bytes, std::size_t size) {
  if (bytes == nullptr) {
    field.reset();
    return;
  }
  if (!field) field.emplace();
  field->assign(static_cast<char const*>(bytes), size);
}

}  // namespace

void assign_record(Record& record, rd_kafka_message_t const& message) {
  record.source.topic.assign(rd_kafka_topic_name(message.rkt));
  record.source.partition = message.partition;
  record.offset = message.offset;
  assign_bytes(record.key, message.key, message.key_len);
  assign_bytes(record.value, message.payload, message.len);
  assign_headers(record.headers, message);
}

Record to_record(rd_kafka_message_t const& message) {
  Record record;
  assign_record(record, message);
  return record;
}

}  // namespace kfn::kafka

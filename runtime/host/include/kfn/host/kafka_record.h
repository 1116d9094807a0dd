// A domain event as the Kafka record it becomes: CloudEvents 1.0 in Kafka binary mode (API.md).
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kfn/event.h"

namespace kfn::host {

struct KafkaRecord {
  std::string topic;
  std::string key;
  std::string value;
  std::vector<std::pair<std::string, std::string>> headers;
};

// Headers ce_specversion, ce_id (a fresh UUID v4), ce_source "/kfn/<function>", ce_type, ce_time,
// ce_subject (the key), content-type, traceparent when not empty. The value is the JSON data with
// "event_type" and "occurred_at" added.
KafkaRecord to_kafka_record(DomainEvent const& event, std::string_view function_name,
                            std::string_view traceparent, std::chrono::system_clock::time_point now);

std::string new_uuid_v4();

}  // namespace kfn::host

// What KafkaSource's dispatcher says about the record behind an event it sends, for records that
// were no CloudEvents: id "partition:<P>/offset:<O>", source
// "/apis/v1/namespaces/<ns>/kafkasources/<name>#<topic>", the key in the `key` extension and each
// Kafka header as a `kafkaheader<name>` extension.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kfn::cloudevents {

inline constexpr std::string_view kKafkaEventType = "dev.knative.kafka.event";
inline constexpr std::string_view kKafkaHeaderPrefix = "kafkaheader";

struct RecordPosition {
  std::int32_t partition = -1;
  std::int64_t offset = -1;
};

// "partition:3/offset:1234" -> {3, 1234}; nullopt for anything else.
std::optional<RecordPosition> parse_kafka_source_id(std::string_view id);

// The topic after the last '#' of a KafkaSource source; nullopt when there is none.
std::optional<std::string> topic_of_kafka_source(std::string_view source);

}  // namespace kfn::cloudevents

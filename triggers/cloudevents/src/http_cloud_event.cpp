// Wire event -> kfn::CloudEvent. A plain Kafka record that KafkaSource wrapped is rebuilt through the
// Kafka trigger's own mapping (kfn::kafka::to_cloud_event), so a function sees the same event in
// Knative as in the local runner; a record that was a CloudEvent keeps its own attributes.
#include "kfn/cloudevents/http_cloud_event.h"

#include "binary_mode.h"
#include "kafka_source.h"
#include "kfn/kafka/trigger.h"
#include "structured_mode.h"

namespace kfn::cloudevents {
namespace {

constexpr std::size_t kMaxAttributeLength = 4096;

std::optional<std::string> missing_or_invalid(WireEvent const& wire, bool structured) {
  auto where = [structured](char const* name) {
    return structured ? std::string("\"") + name + "\"" : std::string("ce-") + name + " header";
  };
  auto specversion = wire.get("specversion");
  if (!specversion) return "missing " + where("specversion");
  if (*specversion != "1.0") return where("specversion") + " must be 1.0, got \"" + *specversion + "\"";
  for (char const* required : {"id", "source", "type"}) {
    auto value = wire.get(required);
    if (!value || value->empty()) return "missing " + where(required);
  }
  for (auto const& [name, value] : wire.attributes) {
    if (value.size() > kMaxAttributeLength) return where(name.c_str()) + " is longer than 4096 bytes";
  }
  return std::nullopt;
}

std::optional<std::string> key_of(WireEvent const& wire) {
  if (auto key = wire.get("key")) return key;
  return wire.get("partitionkey");
}

bool is_kafka_source_extension(std::string const& name) {
  return name == "key" || name == "partitionkey" || name.starts_with(kKafkaHeaderPrefix);
}

// The record KafkaSource read, rebuilt: its headers come back from the kafkaheader extensions (their
// names as KafkaSource wrote them: lower case, letters and digits only).
kfn::CloudEvent from_plain_record(WireEvent const& wire, std::string const& topic, RecordPosition where) {
  kfn::kafka::Headers headers;
  for (auto const& [name, value] : wire.attributes) {
    if (name.starts_with(kKafkaHeaderPrefix) && name.size() > kKafkaHeaderPrefix.size()) {
      headers.emplace_back(name.substr(kKafkaHeaderPrefix.size()), value);
    }
  }
  if (auto content_type = wire.get("datacontenttype")) headers.emplace_back("content-type", *content_type);
  auto key = key_of(wire);
  std::optional<std::string_view> key_view;
  if (key) key_view = *key;
  auto event = kfn::kafka::to_cloud_event(topic, where.partition, where.offset, key_view, wire.data, headers);
  // Attributes the dispatcher adds beyond the record (e.g. a tracing extension) are kept; its source
  // names the KafkaSource, which is where this event came from.
  for (auto const& [name, value] : wire.attributes) {
    if (is_kafka_source_extension(name)) continue;
    if (name == "source")
      event.source = value;
    else if (name != "id" && name != "type" && name != "subject" && name != "datacontenttype" &&
             name != "specversion")
      kfn::kafka::set_cloud_event_attribute(event, name, value);
  }
  return event;
}

kfn::CloudEvent from_cloud_event_record(WireEvent const& wire) {
  kfn::CloudEvent event;
  for (auto const& [name, value] : wire.attributes) kfn::kafka::set_cloud_event_attribute(event, name, value);
  event.data = wire.data;
  event.key = key_of(wire);
  return event;
}

}  // namespace

ParsedEvent parse_http_cloud_event(kfn::HttpRequest const& request) {
  auto content_type = request.headers.get("Content-Type");
  bool const structured = content_type && is_structured_mode(*content_type);
  auto wire_result = structured ? read_structured_mode(request.body) : read_binary_mode(request);
  if (auto const* error = std::get_if<WireError>(&wire_result)) return Malformed{error->message};
  auto const& wire = std::get<WireEvent>(wire_result);
  if (auto problem = missing_or_invalid(wire, structured)) return Malformed{std::move(*problem)};

  auto position = parse_kafka_source_id(*wire.get("id"));
  auto topic = topic_of_kafka_source(*wire.get("source"));
  if (*wire.get("type") == kKafkaEventType && position && topic)
    return from_plain_record(wire, *topic, *position);
  return from_cloud_event_record(wire);
}

}  // namespace kfn::cloudevents

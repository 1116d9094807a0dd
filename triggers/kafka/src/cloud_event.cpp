// Kafka binary mode (CloudEvents Kafka protocol binding) -> kfn::CloudEvent, with KafkaSource's
// attributes for records that are not CloudEvents.
#include "cloud_event.h"

#include <algorithm>

namespace kfn::kafka {
namespace {

constexpr std::string_view kAttributePrefix = "ce_";

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Header names are nearly always lower case already; copy only when they are not.
std::string lower_case(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = lower(c);
  return out;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

// Puts one `ce_<name>` header where it belongs: a core attribute or an extension.
void set_attribute(kfn::CloudEvent& event, std::string const& name, std::string const& value) {
  if (name == "id")
    event.id = value;
  else if (name == "source")
    event.source = value;
  else if (name == "type")
    event.type = value;
  else if (name == "specversion")
    event.specversion = value;
  else if (name == "subject")
    event.subject = value;
  else if (name == "time")
    event.time = value;
  else if (name == "datacontenttype")
    event.datacontenttype = value;
  else
    event.extensions[name] = value;
}

// What KafkaSource sends for a plain record, so functions see one shape whichever way it arrived.
void fill_missing_attributes(kfn::CloudEvent& event, bool is_cloud_event) {
  auto where = [&] { return std::to_string(event.partition); };
  auto offset = [&] { return std::to_string(event.offset); };
  if (event.id.empty()) event.id = "partition:" + where() + "/offset:" + offset();
  if (event.source.empty()) event.source = "/kfn/kafka/" + event.topic;
  if (event.type.empty()) event.type = "dev.knative.kafka.event";
  if (!is_cloud_event && event.subject.empty()) event.subject = "partition:" + where() + "#" + offset();
}

}  // namespace

kfn::CloudEvent to_cloud_event(std::string_view topic, std::int32_t partition, std::int64_t offset,
                               std::optional<std::string_view> key, std::string_view value,
                               Headers const& headers) {
  kfn::CloudEvent event;
  event.topic = topic;
  event.partition = partition;
  event.offset = offset;
  if (key) event.key = std::string(*key);
  event.data = value;
  bool is_cloud_event = false;
  std::string datacontenttype_header;
  for (auto const& [raw_name, header_value] : headers) {
    auto name = lower_case(raw_name);
    if (name.starts_with(kAttributePrefix) && name.size() > kAttributePrefix.size()) {
      auto attribute = name.substr(kAttributePrefix.size());
      is_cloud_event = is_cloud_event || attribute == "specversion";
      set_attribute(event, attribute, header_value);
    } else if (name == "content-type") {
      datacontenttype_header = header_value;
    } else {
      event.extensions[name] = header_value;
    }
  }
  // The binding names content-type as the datacontenttype; a ce_datacontenttype is only a fallback.
  if (!datacontenttype_header.empty()) event.datacontenttype = datacontenttype_header;
  fill_missing_attributes(event, is_cloud_event);
  return event;
}

kfn::CloudEvent to_cloud_event(Record const& record) {
  std::optional<std::string_view> key;
  if (record.key) key = *record.key;
  return to_cloud_event(record.source.topic, record.source.partition, record.offset, key,
                        record.value ? std::string_view(*record.value) : std::string_view(), record.headers);
}

std::string traceparent_of(Headers const& headers) {
  std::string const* fallback = nullptr;
  for (auto const& [name, value] : headers) {
    if (equals_ignoring_case(name, "traceparent")) return value;
    if (equals_ignoring_case(name, "ce_traceparent")) fallback = &value;
  }
  return fallback ? *fallback : std::string();
}

std::string_view trace_id_of(std::string_view traceparent) {
  // version(2) '-' trace-id(32) '-' parent-id(16) '-' flags(2)
  if (traceparent.size() < 55 || traceparent[2] != '-' || traceparent[35] != '-') return {};
  return traceparent.substr(3, 32);
}

std::string describe(PartitionId const& id) { return id.topic + "[" + std::to_string(id.partition) + "]"; }

}  // namespace kfn::kafka

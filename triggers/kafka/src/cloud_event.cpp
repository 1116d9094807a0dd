// Kafka binary mode (CloudEvents Kafka protocol binding) -> kfn::CloudEvent, with KafkaSource's
// attributes for records that are not CloudEvents.
#include "cloud_event.h"

#include <algorithm>

namespace kfn::kafka {
namespace {

constexpr std::string_view kAttributePrefix = "ce_";
constexpr std::string_view kPlainRecordType = "dev.knative.kafka.event";

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Header names are nearly always lower case already: the name itself then, else a lower-case copy
// kept in `scratch`.
std::string_view lower_case(std::string const& text, std::string& scratch) {
  if (std::none_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) return text;
  scratch = text;
  for (char& c : scratch) c = lower(c);
  return scratch;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

// What KafkaSource sends for a plain record, so functions see one shape whichever way it arrived.
void fill_missing_attributes(kfn::CloudEvent& event, bool is_cloud_event) {
  auto where = [&] { return std::to_string(event.partition); };
  auto offset = [&] { return std::to_string(event.offset); };
  if (event.id.empty()) event.id = "partition:" + where() + "/offset:" + offset();
  if (event.source.empty()) event.source = "/kfn/kafka/" + event.topic;
  if (event.type.empty()) event.type = kPlainRecordType;
  if (!is_cloud_event && event.subject.empty()) event.subject = "partition:" + where() + "#" + offset();
}

// Everything but `data`, assigned over whatever `event` held before.
void assign_attributes(kfn::CloudEvent& event, std::string_view topic, std::int32_t partition,
                       std::int64_t offset, std::optional<std::string_view> key, Headers const& headers) {
  event.id.clear();
  event.source.clear();
  event.type.clear();
  event.specversion = "1.0";
  event.subject.clear();
  event.time.clear();
  event.datacontenttype.clear();
  event.extensions.clear();
  event.topic = topic;
  event.partition = partition;
  event.offset = offset;
  if (key)
    event.key.emplace().assign(*key);
  else
    event.key.reset();
  bool is_cloud_event = false;
  std::string const* datacontenttype_header = nullptr;
  std::string scratch;
  for (auto const& [raw_name, header_value] : headers) {
    auto const name = lower_case(raw_name, scratch);
    if (name.starts_with(kAttributePrefix) && name.size() > kAttributePrefix.size()) {
      auto attribute = name.substr(kAttributePrefix.size());
      is_cloud_event = is_cloud_event || attribute == "specversion";
      set_cloud_event_attribute(event, attribute, header_value);
    } else if (name == "content-type") {
      datacontenttype_header = &header_value;
    } else {
      event.extensions[std::string(name)] = header_value;
    }
  }
  // The binding names content-type as the datacontenttype; a ce_datacontenttype is only a fallback.
  if (datacontenttype_header != nullptr && !datacontenttype_header->empty())
    event.datacontenttype = *datacontenttype_header;
  fill_missing_attributes(event, is_cloud_event);
}

std::optional<std::string_view> key_of(Record const& record) {
  if (record.key) return *record.key;
  return std::nullopt;
}

}  // namespace

kfn::CloudEvent to_cloud_event(std::string_view topic, std::int32_t partition, std::int64_t offset,
                               std::optional<std::string_view> key, std::string_view value,
                               Headers const& headers) {
  kfn::CloudEvent event;
  assign_attributes(event, topic, partition, offset, key, headers);
  event.data = value;
  return event;
}

kfn::CloudEvent to_cloud_event(Record const& record) {
  return to_cloud_event(record.source.topic, record.source.partition, record.offset, key_of(record),
                        record.value ? std::string_view(*record.value) : std::string_view(), record.headers);
}

void assign_cloud_event(kfn::CloudEvent& event, Record const& record) {
  assign_attributes(event, record.source.topic, record.source.partition, record.offset, key_of(record),
                    record.headers);
}

void set_cloud_event_attribute(kfn::CloudEvent& event, std::string_view name, std::string const& value) {
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
    event.extensions[std::string(name)] = value;
}

std::string_view cloud_event_type_of(Headers const& headers) {
  std::string_view type;
  for (auto const& [name, value] : headers) {
    if (equals_ignoring_case(name, "ce_type")) type = value;
  }
  return type.empty() ? kPlainRecordType : type;
}

std::string_view traceparent_of(Headers const& headers) {
  std::string const* fallback = nullptr;
  for (auto const& [name, value] : headers) {
    if (equals_ignoring_case(name, "traceparent")) return value;
    if (equals_ignoring_case(name, "ce_traceparent")) fallback = &value;
  }
  return fallback ? std::string_view(*fallback) : std::string_view();
}

std::string_view trace_id_of(std::string_view traceparent) {
  // version(2) '-' trace-id(32) '-' parent-id(16) '-' flags(2)
  if (traceparent.size() < 55 || traceparent[2] != '-' || traceparent[35] != '-') return {};
  return traceparent.substr(3, 32);
}

std::string describe(PartitionId const& id) { return id.topic + "[" + std::to_string(id.partition) + "]"; }

}  // namespace kfn::kafka

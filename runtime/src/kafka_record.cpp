// Domain events as CloudEvents 1.0 Kafka records (binary mode: attributes in ce_* headers, data as
// the value). The header order is fixed so records are easy to compare and to read in kcat.
#include "kfn/host/kafka_record.h"

#include <openssl/rand.h>

#include <array>
#include <stdexcept>

#include "kfn/time.h"

namespace kfn::host {

std::string new_uuid_v4() {
  std::array<unsigned char, 16> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw std::runtime_error("uuid: the system random generator failed");
  }
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);  // version 4
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  text.reserve(36);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
    text += kHex[bytes[i] >> 4];
    text += kHex[bytes[i] & 0x0F];
  }
  return text;
}

namespace {

// Invalid UTF-8 in a string becomes U+FFFD rather than failing the whole publish.
std::string dump(nlohmann::json const& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The event's data plus event_type and occurred_at. The data is dumped as it is and the two fields
// are written inside its closing brace: copying the data to add them cost a deep copy and free of
// every published payload (ten per chat message in notify-push). Data that carries either name
// itself is copied and overwritten, so the value never holds a key twice.
std::string record_value(DomainEvent const& event, std::string const& time) {
  if (event.data.is_object() && (event.data.contains("event_type") || event.data.contains("occurred_at"))) {
    nlohmann::json data = event.data;
    data["event_type"] = event.type;
    data["occurred_at"] = time;
    return dump(data);
  }
  std::string value = event.data.is_null() || event.data.empty() ? std::string("{") : dump(event.data);
  if (value.size() > 1) value.back() = ',';  // the data's closing brace
  value += "\"event_type\":";
  value += dump(nlohmann::json(event.type));
  value += ",\"occurred_at\":";
  value += dump(nlohmann::json(time));
  value += '}';
  return value;
}

}  // namespace

KafkaRecord to_kafka_record(DomainEvent const& event, std::string_view function_name,
                            std::string_view traceparent, std::chrono::system_clock::time_point now) {
  // `{}` in a DomainEvent initializer makes JSON null, which can only mean "no fields".
  if (!event.data.is_object() && !event.data.is_null()) {
    throw std::invalid_argument("event " + event.type + ": data must be a JSON object");
  }
  std::string const time = format_rfc3339(now);

  KafkaRecord record;
  record.topic = event.topic;
  record.key = event.key;
  record.value = record_value(event, time);
  record.headers = {
      {"ce_specversion", "1.0"},
      {"ce_id", new_uuid_v4()},
      {"ce_source", "/kfn/" + std::string(function_name)},
      {"ce_type", event.type},
      {"ce_time", time},
      {"ce_subject", event.key},
      {"content-type", "application/json"},
  };
  if (!event.traceparent.empty()) traceparent = event.traceparent;
  if (!traceparent.empty()) record.headers.emplace_back("traceparent", std::string(traceparent));
  return record;
}

}  // namespace kfn::host

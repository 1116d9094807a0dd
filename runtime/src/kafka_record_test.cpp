#include "kfn/host/kafka_record.h"

#include <catch2/catch.hpp>
#include <regex>
#include <set>

using kfn::DomainEvent;
using kfn::host::KafkaRecord;
using kfn::host::to_kafka_record;

namespace {

std::string header(KafkaRecord const& record, std::string const& name) {
  for (auto const& [key, value] : record.headers) {
    if (key == name) return value;
  }
  return "<missing>";
}

DomainEvent message_sent() {
  return DomainEvent{"message.events", "42", "MessageSent", {{"room_id", 42}, {"content", "hi"}}};
}

// 2026-11-21T12:00:00.123Z
std::chrono::system_clock::time_point fixed_time() {
  using namespace std::chrono;
  return sys_days{year{2026} / 11 / 21} + hours{12} + milliseconds{123};
}

}  // namespace

TEST_CASE("kafka record carries the CloudEvents binary-mode headers in a fixed order") {
  auto const record = to_kafka_record(message_sent(), "chat-send", "00-abc-def-01", fixed_time());
  std::vector<std::string> names;
  for (auto const& [name, value] : record.headers) names.push_back(name);
  CHECK(names == std::vector<std::string>{"ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time",
                                          "ce_subject", "content-type", "traceparent"});
  CHECK(header(record, "ce_specversion") == "1.0");
  CHECK(header(record, "ce_source") == "/kfn/chat-send");
  CHECK(header(record, "ce_type") == "MessageSent");
  CHECK(header(record, "ce_time") == "2026-11-21T12:00:00.123Z");
  CHECK(header(record, "ce_subject") == "42");
  CHECK(header(record, "content-type") == "application/json");
  CHECK(header(record, "traceparent") == "00-abc-def-01");
  CHECK(record.topic == "message.events");
  CHECK(record.key == "42");
}

TEST_CASE("kafka record without a traceparent has no traceparent header") {
  auto const record = to_kafka_record(message_sent(), "chat-send", "", fixed_time());
  CHECK(header(record, "traceparent") == "<missing>");
  CHECK(record.headers.size() == 7);
}

TEST_CASE("kafka record value is the data plus event_type and occurred_at") {
  auto const record = to_kafka_record(message_sent(), "chat-send", "", fixed_time());
  auto const value = nlohmann::json::parse(record.value);
  CHECK(value["room_id"] == 42);
  CHECK(value["content"] == "hi");
  CHECK(value["event_type"] == "MessageSent");
  CHECK(value["occurred_at"] == "2026-11-21T12:00:00.123Z");
}

TEST_CASE("kafka record refuses data that is not a JSON object") {
  auto event = message_sent();
  event.data = nlohmann::json::array({1, 2});
  CHECK_THROWS_AS(to_kafka_record(event, "f", "", fixed_time()), std::invalid_argument);
}

TEST_CASE("kafka record with null data publishes an object holding only event_type and occurred_at") {
  auto event = message_sent();
  event.data = nullptr;
  auto const value = nlohmann::json::parse(to_kafka_record(event, "f", "", fixed_time()).value);
  CHECK(value == nlohmann::json{{"event_type", "MessageSent"}, {"occurred_at", "2026-11-21T12:00:00.123Z"}});
}

TEST_CASE("kafka record value with empty data, odd type text, or data naming the added fields") {
  auto event = message_sent();
  event.data = nlohmann::json::object();
  event.type = "Odd \"Type\"\n";
  auto value = nlohmann::json::parse(to_kafka_record(event, "f", "", fixed_time()).value);
  CHECK(value ==
        nlohmann::json{{"event_type", "Odd \"Type\"\n"}, {"occurred_at", "2026-11-21T12:00:00.123Z"}});

  // The event's own type and time win, and each key appears once in the text.
  event = message_sent();
  event.data["event_type"] = "Forged";
  event.data["occurred_at"] = "1970-01-01T00:00:00Z";
  auto const text = to_kafka_record(event, "f", "", fixed_time()).value;
  value = nlohmann::json::parse(text);
  CHECK(value["event_type"] == "MessageSent");
  CHECK(value["occurred_at"] == "2026-11-21T12:00:00.123Z");
  CHECK(value["room_id"] == 42);
  CHECK(text.find("event_type") == text.rfind("event_type"));
  CHECK(text.find("occurred_at") == text.rfind("occurred_at"));
}

TEST_CASE("kafka record ids are distinct version 4 UUIDs") {
  std::regex const uuid_v4("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    auto const id = header(to_kafka_record(message_sent(), "f", "", fixed_time()), "ce_id");
    CHECK(std::regex_match(id, uuid_v4));
    seen.insert(id);
  }
  CHECK(seen.size() == 200);
}

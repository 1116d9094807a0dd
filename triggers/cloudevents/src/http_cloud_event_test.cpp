#include "kfn/cloudevents/http_cloud_event.h"

#include <catch2/catch.hpp>

#include "kfn/kafka/trigger.h"

namespace kfn::cloudevents {
namespace {

constexpr char kSource[] = "/apis/v1/namespaces/chat/kafkasources/notify-push#message.events";

// What KafkaSource's dispatcher POSTs for a plain record (no ce_ headers) at partition 3, offset 1234.
kfn::HttpRequest kafka_source_request() {
  kfn::HttpRequest request;
  request.method = "POST";
  request.path = "/";
  request.headers.add("Ce-Specversion", "1.0");
  request.headers.add("Ce-Id", "partition:3/offset:1234");
  request.headers.add("Ce-Source", kSource);
  request.headers.add("Ce-Type", "dev.knative.kafka.event");
  request.headers.add("Ce-Subject", "partition:3#1234");
  request.headers.add("Ce-Key", "room-7");
  request.headers.add("Ce-Kafkaheadertenant", "acme");
  request.headers.add("Content-Type", "application/json");
  request.body = R"({"room_id":7})";
  return request;
}

kfn::CloudEvent parsed(kfn::HttpRequest const& request) {
  auto result = parse_http_cloud_event(request);
  if (auto const* error = std::get_if<Malformed>(&result)) FAIL("malformed: " << error->message);
  return std::get<kfn::CloudEvent>(result);
}

std::string error_of(kfn::HttpRequest const& request) {
  auto result = parse_http_cloud_event(request);
  REQUIRE(std::holds_alternative<Malformed>(result));
  return std::get<Malformed>(result).message;
}

TEST_CASE("a KafkaSource binary-mode event is the event the Kafka trigger builds from the record") {
  auto const over_http = parsed(kafka_source_request());
  auto const from_kafka =
      kfn::kafka::to_cloud_event("message.events", 3, 1234, std::string_view("room-7"), R"({"room_id":7})",
                                 {{"tenant", "acme"}, {"content-type", "application/json"}});
  CHECK(over_http.id == from_kafka.id);
  CHECK(over_http.type == from_kafka.type);
  CHECK(over_http.subject == from_kafka.subject);
  CHECK(over_http.specversion == from_kafka.specversion);
  CHECK(over_http.datacontenttype == from_kafka.datacontenttype);
  CHECK(over_http.data == from_kafka.data);
  CHECK(over_http.extensions == from_kafka.extensions);
  CHECK(over_http.topic == "message.events");
  CHECK(over_http.partition == 3);
  CHECK(over_http.offset == 1234);
  CHECK(over_http.key == std::optional<std::string>("room-7"));
  // The source names the sender: the KafkaSource rather than the runner's own consumer.
  CHECK(over_http.source == kSource);
}

TEST_CASE("a record that was a CloudEvent keeps its own attributes") {
  kfn::HttpRequest request;
  request.method = "POST";
  request.headers.add("ce-specversion", "1.0");
  request.headers.add("ce-id", "8d3f0c2e");
  request.headers.add("ce-source", "/kfn/chat-message-send");
  request.headers.add("ce-type", "MessageSent");
  request.headers.add("ce-subject", "room-7");
  request.headers.add("ce-time", "2024-05-01T10:00:00Z");
  request.headers.add("ce-partitionkey", "room-7");
  request.headers.add("ce-traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
  request.headers.add("content-type", "application/json");
  request.body = R"({"event_type":"MessageSent"})";
  auto const event = parsed(request);
  CHECK(event.id == "8d3f0c2e");
  CHECK(event.source == "/kfn/chat-message-send");
  CHECK(event.type == "MessageSent");
  CHECK(event.subject == "room-7");
  CHECK(event.time == "2024-05-01T10:00:00Z");
  CHECK(event.datacontenttype == "application/json");
  CHECK(event.data == R"({"event_type":"MessageSent"})");
  CHECK(event.key == std::optional<std::string>("room-7"));
  CHECK(event.extensions.at("traceparent") == "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
  CHECK(event.partition == -1);
}

TEST_CASE("binary-mode header values are percent-decoded") {
  auto request = kafka_source_request();
  request.headers.set("ce-subject", "caf%C3%A9");
  request.headers.set("ce-type", "Custom");
  CHECK(parsed(request).subject == "caf\xC3\xA9");
}

TEST_CASE("a structured-mode event carries its attributes and data in the JSON body") {
  kfn::HttpRequest request;
  request.method = "POST";
  request.headers.add("Content-Type", "application/cloudevents+json; charset=utf-8");
  request.body = R"({"specversion":"1.0","id":"e1","source":"/test","type":"UserRegistered",
                     "datacontenttype":"application/json","data":{"user_id":42},"tenant":"acme"})";
  auto const event = parsed(request);
  CHECK(event.id == "e1");
  CHECK(event.type == "UserRegistered");
  CHECK(nlohmann::json::parse(event.data) == nlohmann::json{{"user_id", 42}});
  CHECK(event.extensions.at("tenant") == "acme");
}

TEST_CASE("a structured-mode KafkaSource event maps to the record like binary mode") {
  kfn::HttpRequest request;
  request.method = "POST";
  request.headers.add("Content-Type", "application/cloudevents+json");
  request.body = nlohmann::json{
      {"specversion", "1.0"},
      {"id", "partition:0/offset:9"},
      {"source", kSource},
      {"type", "dev.knative.kafka.event"},
      {"key", "k"},
      {"data_base64", "aGVsbG8="},
      {"datacontenttype",
       "text/plain"}}.dump();
  auto const event = parsed(request);
  CHECK(event.data == "hello");
  CHECK(event.key == std::optional<std::string>("k"));
  CHECK(event.partition == 0);
  CHECK(event.offset == 9);
  CHECK(event.subject == "partition:0#9");
}

TEST_CASE("a malformed CloudEvent is rejected with a message naming what is wrong") {
  auto without_id = kafka_source_request();
  without_id.headers.remove("ce-id");
  CHECK(error_of(without_id) == "missing ce-id header");

  auto wrong_version = kafka_source_request();
  wrong_version.headers.set("ce-specversion", "0.3");
  CHECK(error_of(wrong_version) == "ce-specversion header must be 1.0, got \"0.3\"");

  auto no_headers = kfn::HttpRequest{};
  no_headers.method = "POST";
  no_headers.body = "{}";
  CHECK(error_of(no_headers) == "missing ce-specversion header");

  auto bad_name = kafka_source_request();
  bad_name.headers.add("ce-bad_name", "x");
  CHECK_THAT(error_of(bad_name), Catch::Contains("lower-case letters and digits"));

  kfn::HttpRequest structured;
  structured.headers.add("Content-Type", "application/cloudevents+json");
  structured.body = "not json";
  CHECK_THAT(error_of(structured), Catch::Contains("not a JSON object"));
  structured.body = R"({"specversion":"1.0","id":"x","source":"/s"})";
  CHECK(error_of(structured) == "missing \"type\"");
  structured.body =
      R"({"specversion":"1.0","id":"x","source":"/s","type":"t","data":1,"data_base64":"AA=="})";
  CHECK_THAT(error_of(structured), Catch::Contains("mutually exclusive"));
}

}  // namespace
}  // namespace kfn::cloudevents

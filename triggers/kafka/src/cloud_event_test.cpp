#include "cloud_event.h"

#include <catch2/catch.hpp>

namespace kfn::kafka {
namespace {

Headers binary_mode_headers() {
  return {{"ce_specversion", "1.0"},
          {"ce_id", "3f1c"},
          {"ce_source", "/kfn/users-register"},
          {"ce_type", "UserRegistered"},
          {"ce_time", "2024-05-01T10:00:00Z"},
          {"ce_subject", "u1"},
          {"content-type", "application/json"},
          {"traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"},
          {"ce_partitionkey", "u1"},
          {"X-Custom", "yes"}};
}

TEST_CASE("a binary-mode CloudEvent record maps its ce_ headers to attributes") {
  auto event =
      to_cloud_event("user.events", 2, 41, std::string_view("u1"), R"({"a":1})", binary_mode_headers());
  CHECK(event.id == "3f1c");
  CHECK(event.source == "/kfn/users-register");
  CHECK(event.type == "UserRegistered");
  CHECK(event.specversion == "1.0");
  CHECK(event.time == "2024-05-01T10:00:00Z");
  CHECK(event.subject == "u1");
  CHECK(event.datacontenttype == "application/json");
  CHECK(event.data == R"({"a":1})");
}

TEST_CASE("other ce_ headers and plain headers become extensions by lower-case name") {
  auto event = to_cloud_event("user.events", 2, 41, std::string_view("u1"), "{}", binary_mode_headers());
  CHECK(event.extensions.at("partitionkey") == "u1");
  CHECK(event.extensions.at("x-custom") == "yes");
  CHECK(event.extensions.at("traceparent") == "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
  CHECK_FALSE(event.extensions.contains("content-type"));
  CHECK_FALSE(event.extensions.contains("id"));
}

TEST_CASE("a plain record gets the attributes KafkaSource would give it") {
  auto event = to_cloud_event("orders", 3, 1234, std::nullopt, "hello", {{"content-type", "text/plain"}});
  CHECK(event.id == "partition:3/offset:1234");
  CHECK(event.source == "/kfn/kafka/orders");
  CHECK(event.type == "dev.knative.kafka.event");
  CHECK(event.subject == "partition:3#1234");
  CHECK(event.specversion == "1.0");
  CHECK(event.datacontenttype == "text/plain");
  CHECK(event.data == "hello");
}

TEST_CASE("where the record came from is always set") {
  auto plain = to_cloud_event("orders", 3, 1234, std::string_view("k"), "v", {});
  auto cloud = to_cloud_event("user.events", 0, 7, std::nullopt, "{}", binary_mode_headers());
  CHECK(plain.topic == "orders");
  CHECK(plain.partition == 3);
  CHECK(plain.offset == 1234);
  CHECK(plain.key == "k");
  CHECK(cloud.topic == "user.events");
  CHECK(cloud.offset == 7);
  CHECK_FALSE(cloud.key.has_value());
}

TEST_CASE("a CloudEvent record missing a required attribute gets the KafkaSource default for it") {
  auto event = to_cloud_event("t", 0, 5, std::nullopt, "", {{"ce_specversion", "1.0"}, {"ce_type", "X"}});
  CHECK(event.type == "X");
  CHECK(event.id == "partition:0/offset:5");
  CHECK(event.source == "/kfn/kafka/t");
  CHECK(event.subject.empty());
}

TEST_CASE("a record converts through its Record form the same way") {
  Record record{{"t", 1}, 9, std::string("k"), std::nullopt, {{"ce_specversion", "1.0"}, {"ce_id", "e1"}}};
  auto event = to_cloud_event(record);
  CHECK(event.id == "e1");
  CHECK(event.data.empty());
  CHECK(event.key == "k");
}

TEST_CASE("the type a record is filtered on is the type its CloudEvent gets") {
  std::vector<Headers> const cases = {
      binary_mode_headers(), {{"CE_Type", "Shouted"}},         {{"ce_type", "First"}, {"ce_type", "Last"}},
      {{"ce_type", ""}},     {{"content-type", "text/plain"}}, {},
  };
  for (auto const& headers : cases) {
    auto const event = to_cloud_event("t", 0, 1, std::nullopt, "", headers);
    CHECK(cloud_event_type_of(headers) == event.type);
  }
  CHECK(cloud_event_type_of(binary_mode_headers()) == "UserRegistered");
  CHECK(cloud_event_type_of({{"CE_Type", "Shouted"}}) == "Shouted");
  CHECK(cloud_event_type_of({{"ce_type", "First"}, {"ce_type", "Last"}}) == "Last");
  CHECK(cloud_event_type_of({}) == "dev.knative.kafka.event");
}

TEST_CASE("the traceparent comes from the traceparent header, else ce_traceparent") {
  CHECK(traceparent_of({{"ce_traceparent", "b"}, {"traceparent", "a"}}) == "a");
  CHECK(traceparent_of({{"ce_traceparent", "b"}}) == "b");
  CHECK(traceparent_of({}).empty());
}

TEST_CASE("the trace id is the second field of a well-formed traceparent only") {
  CHECK(trace_id_of("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01") ==
        "0af7651916cd43dd8448eb211c80319c");
  CHECK(trace_id_of("garbage").empty());
  CHECK(trace_id_of("").empty());
}

}  // namespace
}  // namespace kfn::kafka

#include "kafka_source.h"

#include <catch2/catch.hpp>

namespace kfn::cloudevents {
namespace {

TEST_CASE("a KafkaSource id names the record's partition and offset") {
  auto position = parse_kafka_source_id("partition:3/offset:1234");
  REQUIRE(position);
  CHECK(position->partition == 3);
  CHECK(position->offset == 1234);
}

TEST_CASE("ids of other shapes are no record position") {
  for (auto const* id : {"", "3f1c-uuid", "partition:/offset:1", "partition:1/offset:",
                         "partition:-1/offset:2", "partition:1/offset:2x", "partition:1"}) {
    CHECK_FALSE(parse_kafka_source_id(id));
  }
}

TEST_CASE("the topic is what follows the last # of a KafkaSource source") {
  CHECK(topic_of_kafka_source("/apis/v1/namespaces/ns/kafkasources/src#user.events") == "user.events");
  CHECK_FALSE(topic_of_kafka_source("/kfn/users-register"));
  CHECK_FALSE(topic_of_kafka_source("/apis/v1/namespaces/ns/kafkasources/src#"));
}

}  // namespace
}  // namespace kfn::cloudevents

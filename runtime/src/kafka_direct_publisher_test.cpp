#include "kafka_direct_publisher.h"

#include <librdkafka/rdkafka_mock.h>

#include <catch2/catch.hpp>

#include "kfn/errors.h"
#include "kfn/host/mock_kafka.h"
#include "services_test_support.h"

using namespace kfn::host;
using kfn::host::testing::high_watermark;
using kfn::host::testing::MemoryLogger;
using kfn::host::testing::read_topic;

namespace {

constexpr std::int16_t kProduceApi = 0;
EventOrigin const kOrigin{"notify-push", ""};

std::vector<kfn::DomainEvent> deliveries(int count) {
  std::vector<kfn::DomainEvent> events;
  for (int i = 0; i < count; ++i)
    events.emplace_back("deliveries", "user-" + std::to_string(i), "EventDelivery", nlohmann::json{{"n", i}});
  return events;
}

// The topic the events go to, on a cluster of their own.
struct DeliveriesTopic {
  MockKafka kafka;
  MemoryLogger log;
  DeliveriesTopic() { kafka.create_topic("deliveries", 1); }
  [[nodiscard]] std::int64_t records() const { return high_watermark(kafka.bootstrap(), "deliveries"); }
};

}  // namespace

TEST_CASE("confirmed publishing returns only once every event is in the topic") {
  DeliveriesTopic topic;
  auto& kafka = topic.kafka;
  KafkaProducer producer({kafka.bootstrap()}, topic.log);
  KafkaDirectPublisher publisher(producer, topic.log);

  publisher.publish_confirmed(deliveries(20), kOrigin);
  // No flush or wait here: the return itself is the promise.
  CHECK(topic.records() == 20);
  auto const received = read_topic(kafka.bootstrap(), "deliveries", 20);
  REQUIRE(received.size() == 20);
  CHECK(received[0].value.find("\"event_type\":\"EventDelivery\"") != std::string::npos);
}

TEST_CASE("confirmed publishing rides out transient produce errors") {
  DeliveriesTopic topic;
  rd_kafka_mock_push_request_errors(topic.kafka.cluster(), kProduceApi, 2,
                                    RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS,
                                    RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT);
  KafkaProducer producer({topic.kafka.bootstrap()}, topic.log);
  KafkaDirectPublisher publisher(producer, topic.log);

  publisher.publish_confirmed(deliveries(5), kOrigin);
  CHECK(topic.records() == 5);
}

TEST_CASE("confirmed publishing throws Unavailable when the events are not acknowledged") {
  DeliveriesTopic topic;
  ProducerSettings settings{topic.kafka.bootstrap()};
  settings.message_timeout = std::chrono::milliseconds(300);
  KafkaProducer producer(settings, topic.log);
  rd_kafka_mock_broker_set_down(topic.kafka.cluster(), 1);
  SECTION("the broker is down until the records time out") {
    KafkaDirectPublisher publisher(producer, topic.log, std::chrono::seconds(10));
    CHECK_THROWS_AS(publisher.publish_confirmed(deliveries(3), kOrigin), kfn::Unavailable);
  }
  SECTION("the wait for acks runs out first") {
    KafkaDirectPublisher publisher(producer, topic.log, std::chrono::milliseconds(50));
    CHECK_THROWS_AS(publisher.publish_confirmed(deliveries(3), kOrigin), kfn::Unavailable);
  }
  producer.close(std::chrono::milliseconds(500));  // late callbacks find their shared state alive
}

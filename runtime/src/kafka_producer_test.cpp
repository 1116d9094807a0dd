#include "kafka_producer.h"

#include <librdkafka/rdkafka_mock.h>

#include <atomic>
#include <catch2/catch.hpp>

#include "kfn/errors.h"
#include "kfn/host/mock_kafka.h"
#include "services_test_support.h"

using namespace kfn::host;
using kfn::host::testing::eventually;
using kfn::host::testing::high_watermark;
using kfn::host::testing::MemoryLogger;
using kfn::host::testing::read_topic;

namespace {

constexpr std::int16_t kProduceApi = 0;

// Counts delivery reports by outcome.
struct Deliveries {
  std::atomic<int> ok{0};
  std::atomic<int> failed{0};
  DeliveryCallback callback() {
    return [this](std::optional<KafkaError> const& error) { ++(error ? failed : ok); };
  }
};

KafkaRecord record(std::string key, std::string value) {
  return KafkaRecord{"orders",
                     std::move(key),
                     std::move(value),
                     {{"ce_type", "OrderPlaced"}, {"bin", std::string("\0\1", 2)}}};
}

}  // namespace

TEST_CASE("kafka producer record with headers is consumed back intact") {
  MockKafka kafka;
  kafka.create_topic("orders", 1);
  MemoryLogger log;
  KafkaProducer producer({kafka.bootstrap()}, log);
  Deliveries deliveries;
  auto const sent = record("user-7", std::string("{\"a\":1}\0tail", 12));
  producer.produce(sent, deliveries.callback());
  REQUIRE(eventually([&] { return deliveries.ok == 1; }));

  auto const received = read_topic(kafka.bootstrap(), "orders", 1);
  REQUIRE(received.size() == 1);
  CHECK(received[0].key == sent.key);
  CHECK(received[0].value == sent.value);
  CHECK(received[0].headers == sent.headers);
  CHECK(producer.delivered() == 1);
}

TEST_CASE("kafka producer retries injected produce errors and delivers each record once, in order") {
  MockKafka kafka;
  kafka.create_topic("orders", 1);
  rd_kafka_mock_push_request_errors(kafka.cluster(), kProduceApi, 4, RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS,
                                    RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
                                    RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT,
                                    RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND);
  MemoryLogger log;
  KafkaProducer producer({kafka.bootstrap()}, log);
  Deliveries deliveries;
  for (int i = 0; i < 10; ++i) producer.produce(record("k", std::to_string(i)), deliveries.callback());
  REQUIRE(eventually([&] { return deliveries.ok == 10; }));
  CHECK(deliveries.failed == 0);

  CHECK(high_watermark(kafka.bootstrap(), "orders") == 10);
  auto const received = read_topic(kafka.bootstrap(), "orders", 10);
  REQUIRE(received.size() == 10);
  for (int i = 0; i < 10; ++i) CHECK(received[static_cast<std::size_t>(i)].value == std::to_string(i));
}

TEST_CASE("kafka producer with a full queue throws Unavailable, and close fails what is left") {
  MockKafka kafka;
  kafka.create_topic("orders", 1);
  rd_kafka_mock_broker_set_down(kafka.cluster(), 1);
  MemoryLogger log;
  ProducerSettings settings{kafka.bootstrap()};
  settings.queue_full_wait = std::chrono::milliseconds(50);
  settings.overrides = {{"queue.buffering.max.messages", "1"}};
  KafkaProducer producer(settings, log);
  Deliveries deliveries;
  producer.produce(record("k", "first"), deliveries.callback());
  CHECK_THROWS_AS(producer.produce(record("k", "second"), deliveries.callback()), kfn::Unavailable);

  producer.close(std::chrono::milliseconds(100));
  CHECK(deliveries.failed == 1);  // the purge ran the queued record's callback
  CHECK(deliveries.ok == 0);
  CHECK_THROWS_AS(producer.produce(record("k", "late"), deliveries.callback()), kfn::Unavailable);
}

TEST_CASE("kafka producer reachability answers for a live cluster and a dead address") {
  MockKafka kafka;
  MemoryLogger log;
  std::string detail;
  KafkaProducer live({kafka.bootstrap()}, log);
  CHECK(live.reachable(std::chrono::seconds(5), detail));
  KafkaProducer dead({"127.0.0.1:1"}, log);
  CHECK_FALSE(dead.reachable(std::chrono::milliseconds(300), detail));
  CHECK_FALSE(detail.empty());
}

TEST_CASE("kafka errors know whether another attempt may pass") {
  CHECK(KafkaError::from(RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION).retryable);
  CHECK(KafkaError::from(RD_KAFKA_RESP_ERR__QUEUE_FULL).retryable);
  CHECK(KafkaError::from(RD_KAFKA_RESP_ERR__MSG_TIMED_OUT).retryable);
  CHECK_FALSE(KafkaError::from(RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE).retryable);
  CHECK_FALSE(KafkaError::from(RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED).retryable);
  CHECK_FALSE(KafkaError::from(RD_KAFKA_RESP_ERR__FATAL).message.empty());
}

#include "kafka_error.h"

#include <catch2/catch.hpp>

namespace kfn::kafka {
namespace {

TEST_CASE("transport and leadership errors are retryable") {
  CHECK(KafkaError::from_code(RD_KAFKA_RESP_ERR__TRANSPORT).retryable);
  CHECK(KafkaError::from_code(RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION).retryable);
  CHECK(KafkaError::from_code(RD_KAFKA_RESP_ERR__MSG_TIMED_OUT).retryable);
  CHECK(KafkaError::from_code(RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS).retryable);
}

TEST_CASE("authorization and invalid-record errors are not retryable") {
  CHECK_FALSE(KafkaError::from_code(RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED).retryable);
  CHECK_FALSE(KafkaError::from_code(RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE).retryable);
}

TEST_CASE("a fatal error is marked fatal and describes itself with its name") {
  auto error = KafkaError::from_code(RD_KAFKA_RESP_ERR__FATAL, "producer fenced");
  CHECK(error.fatal);
  CHECK(error.describe() == "_FATAL: producer fenced");
}

TEST_CASE("no error is ok and a null rd_kafka_error_t is no error") {
  CHECK(KafkaError::from_code(RD_KAFKA_RESP_ERR_NO_ERROR).ok());
  CHECK(KafkaError::from_error(nullptr).ok());
}

TEST_CASE("an rd_kafka_error_t is taken over with its code and retriable flag") {
  auto error = KafkaError::from_error(rd_kafka_error_new(RD_KAFKA_RESP_ERR__TIMED_OUT, "slow %s", "broker"));
  CHECK(error.code == RD_KAFKA_RESP_ERR__TIMED_OUT);
  CHECK(error.message == "slow broker");
  CHECK(error.retryable);
}

}  // namespace
}  // namespace kfn::kafka

// The one place librdkafka error codes are interpreted.
#include "kafka_error.h"

#include "holders.h"

namespace kfn::kafka {

bool is_retryable(rd_kafka_resp_err_t code) {
  switch (code) {
    // Local: the cluster or a broker is unreachable for now.
    case RD_KAFKA_RESP_ERR__TRANSPORT:
    case RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN:
    case RD_KAFKA_RESP_ERR__TIMED_OUT:
    case RD_KAFKA_RESP_ERR__MSG_TIMED_OUT:
    case RD_KAFKA_RESP_ERR__QUEUE_FULL:
    case RD_KAFKA_RESP_ERR__RESOLVE:
    case RD_KAFKA_RESP_ERR__WAIT_COORD:
    case RD_KAFKA_RESP_ERR__TIMED_OUT_QUEUE:
    case RD_KAFKA_RESP_ERR__PURGE_QUEUE:
    case RD_KAFKA_RESP_ERR__PURGE_INFLIGHT:
    // Broker: leadership or membership is moving, or the broker is overloaded.
    case RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT:
    case RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION:
    case RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_BROKER_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS:
    case RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND:
    case RD_KAFKA_RESP_ERR_NETWORK_EXCEPTION:
    case RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS:
    case RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_NOT_COORDINATOR:
    case RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS:
    case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
    case RD_KAFKA_RESP_ERR_KAFKA_STORAGE_ERROR:
    case RD_KAFKA_RESP_ERR_THROTTLING_QUOTA_EXCEEDED:
      return true;
    default:
      return false;
  }
}

std::string KafkaError::describe() const {
  return message.empty() ? name() : name() + ": " + message;
}

KafkaError KafkaError::from_code(rd_kafka_resp_err_t code, std::string message) {
  KafkaError error;
  error.code = code;
  error.message = message.empty() && code != RD_KAFKA_RESP_ERR_NO_ERROR ? rd_kafka_err2str(code) : std::move(message);
  error.retryable = is_retryable(code);
  error.fatal = code == RD_KAFKA_RESP_ERR__FATAL;
  return error;
}

KafkaError KafkaError::from_error(rd_kafka_error_t* raw) {
  ErrorHandle owned(raw);
  if (!owned) return {};
  KafkaError error;
  error.code = rd_kafka_error_code(owned.get());
  error.message = rd_kafka_error_string(owned.get());
  error.retryable = rd_kafka_error_is_retriable(owned.get()) != 0 || is_retryable(error.code);
  error.fatal = rd_kafka_error_is_fatal(owned.get()) != 0;
  return error;
}

}  // namespace kfn::kafka

// librdkafka error codes, classified once: a retryable error will likely pass on another attempt
// (broker, leader or network recovering, backpressure); the rest would fail the same way again.
#pragma once

#include <librdkafka/rdkafka.h>

#include <string>

namespace kfn::host {

struct KafkaError {
  rd_kafka_resp_err_t code = RD_KAFKA_RESP_ERR_NO_ERROR;
  std::string message;
  bool retryable = false;

  static KafkaError from(rd_kafka_resp_err_t code);
};

bool is_retryable(rd_kafka_resp_err_t code);

}  // namespace kfn::host

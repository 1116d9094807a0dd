// librdkafka errors mapped once into one small type that knows whether trying again can help.
#pragma once

#include <librdkafka/rdkafka.h>

#include <stdexcept>
#include <string>

namespace kfn::kafka {

struct KafkaError {
  rd_kafka_resp_err_t code = RD_KAFKA_RESP_ERR_NO_ERROR;
  std::string message;
  bool retryable = false;  // the same request may succeed later (broker down, leader moving, timeouts)
  bool fatal = false;      // the client instance is unusable and must be recreated

  [[nodiscard]] bool ok() const { return code == RD_KAFKA_RESP_ERR_NO_ERROR; }
  [[nodiscard]] std::string name() const { return rd_kafka_err2name(code); }
  // "<NAME>: <message>" for log lines.
  [[nodiscard]] std::string describe() const;

  static KafkaError from_code(rd_kafka_resp_err_t code, std::string message = {});
  // Takes ownership of `error` (may be null: no error).
  static KafkaError from_error(rd_kafka_error_t* error);
};

// Thrown where an error cannot be handled locally (creating clients, subscribing).
class KafkaException : public std::runtime_error {
 public:
  explicit KafkaException(KafkaError error)
      : std::runtime_error(error.describe()), error_(std::move(error)) {}
  [[nodiscard]] KafkaError const& error() const { return error_; }

 private:
  KafkaError error_;
};

// Whether a request failing with `code` may succeed when simply tried again.
bool is_retryable(rd_kafka_resp_err_t code);

}  // namespace kfn::kafka

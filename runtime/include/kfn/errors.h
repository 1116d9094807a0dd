// The few exceptions the runtime's services throw. Expected domain outcomes are values, not these.
#pragma once

#include <chrono>
#include <stdexcept>
#include <string>

namespace kfn {

// A dependency (MySQL, Redis, Kafka) is down or overloaded. The HTTP boundary answers 503
// `unavailable` with Retry-After; the Kafka boundary retries the record.
class Unavailable : public std::runtime_error {
 public:
  explicit Unavailable(std::string const& what, std::chrono::seconds retry_after = std::chrono::seconds(1))
      : std::runtime_error(what), retry_after_(retry_after) {}
  [[nodiscard]] std::chrono::seconds retry_after() const { return retry_after_; }

 private:
  std::chrono::seconds retry_after_;
};

// A statement the server refused (syntax, constraint, ...). `code` is the MySQL error number.
class SqlError : public std::runtime_error {
 public:
  SqlError(std::string const& what, unsigned code) : std::runtime_error(what), code_(code) {}
  [[nodiscard]] unsigned code() const { return code_; }
  [[nodiscard]] bool duplicate_key() const { return code_ == 1062; }

 private:
  unsigned code_;
};

}  // namespace kfn

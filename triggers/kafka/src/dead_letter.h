// Dead letters: the original record (key, value, headers) plus headers saying why and where from,
// and the interface of whatever writes them (the producer in production, a fake in tests).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "record.h"

namespace kfn::kafka {

struct OutgoingRecord {
  std::string topic;
  std::optional<std::string> key;
  std::optional<std::string> value;
  Headers headers;
};

// The original record plus kfn_error, kfn_attempts, kfn_source_topic, kfn_source_partition and
// kfn_source_offset, for the dead-letter topic `topic`.
OutgoingRecord dead_letter_for(Record const& record, std::string const& topic, std::string_view error,
                               int attempts);

// Writes dead letters. Thread-safe. `on_delivery` is called exactly once per record, from any thread
// (possibly inside send()), with nullopt once the write is acknowledged or the reason it failed.
class DeadLetterSink {
 public:
  using OnDelivery = std::function<void(std::optional<std::string> error)>;
  virtual ~DeadLetterSink() = default;
  virtual void send(OutgoingRecord record, OnDelivery on_delivery) = 0;
};

}  // namespace kfn::kafka

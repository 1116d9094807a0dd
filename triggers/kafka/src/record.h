// A consumed Kafka record, copied out of librdkafka's buffers so the scheduling code (and its tests)
// never see a librdkafka type, and so a slow record does not pin a whole fetch buffer in memory.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>

#include "kfn/kafka/trigger.h"

namespace kfn::kafka {

struct PartitionId {
  std::string topic;
  std::int32_t partition = -1;

  auto operator<=>(PartitionId const&) const = default;
};

struct Record {
  PartitionId source;
  std::int64_t offset = -1;
  std::optional<std::string> key;    // nullopt: the record has no key
  std::optional<std::string> value;  // nullopt: a tombstone
  Headers headers;
  // Of a CloudEvent type the function does not handle (KafkaTrigger::event_types): the scheduler
  // marks it done as it arrives, and the function never runs for it.
  bool skip = false;
};

// "topic[partition]" for log lines and errors.
std::string describe(PartitionId const& id);

}  // namespace kfn::kafka

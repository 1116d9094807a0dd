// One record on its way through a function: the record, how often it was tried, and whether it is
// still to be handled or is on its way to the dead-letter topic.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "kfn/event.h"
#include "record.h"

namespace kfn::kafka {

struct PartitionSlot;     // the scheduler's per-partition state
struct PartitionMetrics;  // the partition's series

enum class Stage {
  kInvoke,      // give it to the function (again)
  kDeadLetter,  // the function gave up on it: write it to the dead-letter topic (again)
};

// Workers own `record`, `event`, `stage`, the attempt counts and `error` while the record runs; the
// rest belongs to the Scheduler and is touched only under its lock.
struct Work {
  explicit Work(Record r) : record(std::move(r)) {}

  Record record;
  // Built on the first attempt; the record's value moves into it (see RecordHandler::event_of).
  std::optional<kfn::CloudEvent> event;
  bool value_was_null = false;
  Stage stage = Stage::kInvoke;
  int attempts = 0;              // invocations so far
  int dead_letter_attempts = 0;  // dead-letter writes that failed so far
  std::string error;             // why the last invocation failed

  PartitionMetrics* metrics = nullptr;  // set by the scheduler from its partition; may be null in tests

  // Scheduler bookkeeping.
  std::shared_ptr<PartitionSlot> slot;
  std::chrono::steady_clock::time_point started_at{};  // when a worker last took it
  std::shared_ptr<Work> next_in_lane;                  // the record with the same key that waits for this one
};

using WorkPtr = std::shared_ptr<Work>;

}  // namespace kfn::kafka

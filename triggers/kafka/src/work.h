// One record on its way through a function: the record, how often it was tried, and whether it is
// still to be handled or is on its way to the dead-letter topic.
#pragma once

#include <memory>
#include <string>

#include "record.h"

namespace kfn::kafka {

struct PartitionSlot;     // the scheduler's per-partition state
struct PartitionMetrics;  // the partition's series

enum class Stage {
  kInvoke,      // give it to the function (again)
  kDeadLetter,  // the function gave up on it: write it to the dead-letter topic (again)
};

// Workers read `record` and own `stage`, `attempts`, `dead_letter_attempts` and `error` while the
// record runs; the rest belongs to the Scheduler and is touched only under its lock.
struct Work {
  explicit Work(Record r) : record(std::move(r)) {}

  Record record;
  Stage stage = Stage::kInvoke;
  int attempts = 0;              // invocations so far
  int dead_letter_attempts = 0;  // dead-letter writes that failed so far
  std::string error;             // why the last invocation failed

  PartitionMetrics* metrics = nullptr;  // set by the scheduler from its partition; may be null in tests

  // Scheduler bookkeeping.
  std::shared_ptr<PartitionSlot> slot;
  std::shared_ptr<Work> next_in_lane;  // the record with the same key that waits for this one
};

using WorkPtr = std::shared_ptr<Work>;

}  // namespace kfn::kafka

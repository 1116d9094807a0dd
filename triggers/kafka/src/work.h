// One record on its way through a function: the record, how often it was tried, and whether it is
// still to be handled or is on its way to the dead-letter topic.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "kfn/event.h"
#include "kfn/host/function_host.h"
#include "record.h"

namespace kfn::kafka {

struct PartitionSlot;     // the scheduler's per-partition state
struct KeyLane;           // the scheduler's queue of one key's records
struct PartitionMetrics;  // the partition's series

enum class Stage {
  kInvoke,      // give it to the function (again)
  kDeadLetter,  // the function gave up on it: write it to the dead-letter topic (again)
};

// Workers own `record`, `event`, `stage`, the attempt counts and `error` while the record runs; the
// rest belongs to the Scheduler and is touched only under its lock. The Scheduler recycles finished
// Works (Scheduler::help, release_finished): reset() returns one to its just-made state but keeps its
// buffers.
struct Work {
  explicit Work(Record r) : record(std::move(r)) {}

  void reset();

  Record record;
  // Built on the first attempt (event_built); the record's value is swapped into `event.data`, so
  // `record.value` means nothing after that (see RecordHandler::event_of).
  kfn::CloudEvent event;
  bool event_built = false;
  bool value_was_null = false;
  Stage stage = Stage::kInvoke;
  int attempts = 0;              // invocations so far
  int dead_letter_attempts = 0;  // dead-letter writes that failed so far
  std::string error;             // why the last invocation failed
  // Filled for each attempt; kept with the Work so its strings reuse their buffers record to record.
  kfn::host::Invocation invocation;

  PartitionMetrics* metrics = nullptr;  // set by the scheduler from its partition; may be null in tests

  // Scheduler bookkeeping.
  std::shared_ptr<PartitionSlot> slot;
  std::chrono::steady_clock::time_point started_at{};  // when a worker last took it
  std::shared_ptr<Work> next_in_lane;                  // the record with the same key that waits for this one
  KeyLane* lane = nullptr;  // its key's lane while it is in it (keyed records), so finishing needs no lookup
};

inline void Work::reset() {
  event_built = false;
  value_was_null = false;
  stage = Stage::kInvoke;
  attempts = 0;
  dead_letter_attempts = 0;
  error.clear();
  metrics = nullptr;
  slot.reset();
  started_at = {};
  next_in_lane.reset();
  lane = nullptr;
}

using WorkPtr = std::shared_ptr<Work>;

}  // namespace kfn::kafka

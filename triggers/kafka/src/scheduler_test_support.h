// What the scheduler's test files share: two partitions and records to submit to them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scheduler.h"

namespace kfn::kafka::scheduler_testing {

inline PartitionId const kP0{"t", 0};
inline PartitionId const kP1{"t", 1};

inline Record record(PartitionId const& partition, std::int64_t offset, std::optional<std::string> key) {
  return Record{partition, offset, std::move(key), std::string("v"), {}};
}

inline std::int64_t offset_of(WorkPtr const& work) { return work ? work->record.offset : -1; }

struct Fixture {
  Scheduler scheduler;
  Fixture() {
    scheduler.add_partition(kP0);
    scheduler.add_partition(kP1);
  }
  void submit(std::vector<Record> records) { scheduler.submit(records); }
};

}  // namespace kfn::kafka::scheduler_testing

// CPU accounting for the benchmarks: the whole process's CPU time, and per-thread on-CPU time by
// thread name, so a benchmark can say which thread its CPU per operation went to.
#pragma once

#include <map>
#include <string>

namespace kfn::bench {

// CPU time of the whole process (every thread, the mock brokers' included), in seconds.
double process_cpu_seconds();

struct ThreadCpu {
  std::string name;
  double nanoseconds = 0;
};

// On-CPU nanoseconds of every live thread of this process by thread id, with its name
// (/proc/self/task/*/schedstat counts in nanoseconds, where /stat counts 10 ms ticks).
std::map<int, ThreadCpu> thread_cpu();

// CPU microseconds per operation by thread name between two snapshots, largest first
// ("kfn-kafka-poll 1.20, kfn-kafka-work 0.80"); threads under 0.01 us per operation are left out.
std::string cpu_by_thread(std::map<int, ThreadCpu> const& before, std::map<int, ThreadCpu> const& after,
                          double operations);

}  // namespace kfn::bench

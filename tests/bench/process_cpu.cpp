#include "process_cpu.h"

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <utility>
#include <vector>

namespace kfn::bench {

double process_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](timeval t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

std::map<int, ThreadCpu> thread_cpu() {
  std::map<int, ThreadCpu> threads;
  for (auto const& task : std::filesystem::directory_iterator("/proc/self/task")) {
    ThreadCpu thread;
    std::ifstream(task.path() / "comm") >> thread.name;
    std::ifstream(task.path() / "schedstat") >> thread.nanoseconds;
    threads[std::stoi(task.path().filename().string())] = thread;
  }
  return threads;
}

std::string cpu_by_thread(std::map<int, ThreadCpu> const& before, std::map<int, ThreadCpu> const& after,
                          double operations) {
  std::map<std::string, double> by_name;
  for (auto const& [tid, thread] : after) {
    auto it = before.find(tid);
    by_name[thread.name] += thread.nanoseconds - (it == before.end() ? 0 : it->second.nanoseconds);
  }
  std::vector<std::pair<double, std::string>> sorted;
  for (auto const& [name, ns] : by_name) {
    if (ns / operations >= 10) sorted.emplace_back(ns / operations / 1000, name);  // skip under 0.01 us
  }
  std::sort(sorted.rbegin(), sorted.rend());
  std::string out;
  for (auto const& [us, name] : sorted) {
    char line[64];
    std::snprintf(line, sizeof line, "%s%s %.2f", out.empty() ? "" : ", ", name.c_str(), us);
    out += line;
  }
  return out;
}

}  // namespace kfn::bench

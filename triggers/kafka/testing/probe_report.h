// Reads what the probe test function (testdata/probe.cpp) reported into Redis and MySQL.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "kfn/host/services.h"

namespace kfn::kafka::testing {

struct EffectCounts {
  std::int64_t rows = 0;
  std::int64_t distinct_events = 0;
};

// Not thread-safe; one per test.
class ProbeReport {
 public:
  ProbeReport(kfn::Redis& redis, std::string prefix) : redis_(redis), prefix_(std::move(prefix)) {}

  [[nodiscard]] std::int64_t handled() const;
  // Polls until handled() >= count or the timeout passes; true when reached.
  [[nodiscard]] bool wait_handled(std::int64_t count, std::chrono::milliseconds timeout) const;
  // Seqs of `key` in the order the function handled them (redeliveries included).
  [[nodiscard]] std::vector<std::string> seen(std::string const& key) const;
  // Distinct seqs reported for these keys. The probe reports after its effect commits, so a test
  // that waited for the effects waits for this too before it reads seen().
  [[nodiscard]] std::size_t distinct_seen(std::vector<std::string> const& keys) const;
  [[nodiscard]] std::vector<std::string> timeline() const;
  [[nodiscard]] std::vector<std::int64_t> concurrency() const;
  [[nodiscard]] std::vector<std::int64_t> attempt_times_ms(std::string const& event_id) const;
  // Deletes every key under the prefix.
  void clear() const;

 private:
  [[nodiscard]] std::vector<std::string> list(std::string const& key) const;

  kfn::Redis& redis_;
  std::string prefix_;
};

// probe_effects rows in `schema` (written with first_delivery deduplication).
EffectCounts effect_counts(kfn::host::SchemaDatabase& database);

// Polls until `done()` or the timeout; true when done.
template <typename Predicate>
bool eventually(Predicate done, std::chrono::milliseconds timeout) {
  auto const give_up = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > give_up) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

}  // namespace kfn::kafka::testing

// The open streams of this process, by user, with the per-user cap: the newest stream beyond it
// pushes out the user's oldest. Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "event_stream.h"

namespace kfn::sse {

class StreamRegistry {
 public:
  explicit StreamRegistry(std::size_t max_per_user) : max_per_user_(max_per_user) {}

  // Adds `stream`; returns the streams it pushed out (oldest first), which the caller ends.
  std::vector<std::shared_ptr<EventStream>> add(std::shared_ptr<EventStream> stream);
  // True when `stream` was registered (false when already removed).
  bool remove(EventStream const& stream);
  // The user's open streams, oldest first (a copy: the caller writes without the registry's lock).
  [[nodiscard]] std::vector<std::shared_ptr<EventStream>> of_user(std::int64_t user_id) const;
  [[nodiscard]] std::size_t count_of(std::int64_t user_id) const;
  [[nodiscard]] std::vector<std::shared_ptr<EventStream>> all() const;
  [[nodiscard]] std::size_t stream_count() const;
  [[nodiscard]] std::size_t user_count() const;
  [[nodiscard]] std::size_t max_streams_of_any_user() const;

 private:
  std::size_t const max_per_user_;
  mutable std::mutex mutex_;
  std::unordered_map<std::int64_t, std::vector<std::shared_ptr<EventStream>>> by_user_;
  std::size_t streams_ = 0;
};

}  // namespace kfn::sse

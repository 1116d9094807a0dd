// At-least-once bookkeeping for one partition: which received offsets are done, and the offset that
// may be committed (every record before it is done), so nothing is committed past a gap.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>

namespace kfn::kafka {

// Not thread-safe: the scheduler guards it.
class OffsetTracker {
 public:
  // Offsets arrive in increasing order (Kafka may skip numbers). Returns false, tracking nothing, for
  // an offset at or below one already received (a redelivery of something tracked or done).
  bool received(std::int64_t offset);
  // Marks a received offset done, in any order. Unknown offsets are ignored.
  void done(std::int64_t offset);

  // The next offset to commit (last contiguous done offset + 1); nullopt until something is done.
  [[nodiscard]] std::optional<std::int64_t> committable() const { return committable_; }
  // Received and not yet done, or done but behind an unfinished one.
  [[nodiscard]] std::size_t in_flight() const { return pending_.size(); }

 private:
  struct Entry {
    std::int64_t offset;
    bool done;
  };
  std::deque<Entry> pending_;  // in offset order
  std::optional<std::int64_t> last_received_;
  std::optional<std::int64_t> committable_;
};

}  // namespace kfn::kafka

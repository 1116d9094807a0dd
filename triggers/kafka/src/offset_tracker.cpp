// Contiguous-done watermark over a sorted deque of pending offsets.
#include "offset_tracker.h"

#include <algorithm>

namespace kfn::kafka {

bool OffsetTracker::received(std::int64_t offset) {
  if (last_received_ && offset <= *last_received_) return false;
  last_received_ = offset;
  pending_.push_back({offset, false});
  return true;
}

void OffsetTracker::done(std::int64_t offset) {
  auto it = std::lower_bound(pending_.begin(), pending_.end(), offset,
                             [](Entry const& entry, std::int64_t value) { return entry.offset < value; });
  if (it == pending_.end() || it->offset != offset) return;
  it->done = true;
  while (!pending_.empty() && pending_.front().done) {
    committable_ = pending_.front().offset + 1;
    pending_.pop_front();
  }
}

}  // namespace kfn::kafka

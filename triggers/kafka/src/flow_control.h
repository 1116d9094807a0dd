// Backpressure for one partition: pause fetching when too many of its records are in flight, resume
// once half of them are done (the gap keeps it from flapping on every record).
#pragma once

#include <cstddef>

namespace kfn::kafka {

// Not thread-safe: owned by the poll thread.
class FlowControl {
 public:
  enum class Action { kNone, kPause, kResume };

  explicit FlowControl(std::size_t max_in_flight) : max_(max_in_flight < 1 ? 1 : max_in_flight) {}

  // What to do now that `in_flight` records are received and not yet committable.
  Action update(std::size_t in_flight) {
    if (!paused_ && in_flight >= max_) {
      paused_ = true;
      return Action::kPause;
    }
    if (paused_ && in_flight <= max_ / 2) {
      paused_ = false;
      return Action::kResume;
    }
    return Action::kNone;
  }

  [[nodiscard]] bool paused() const { return paused_; }

 private:
  std::size_t max_;
  bool paused_ = false;
};

}  // namespace kfn::kafka

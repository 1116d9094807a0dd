#include "in_flight.h"

namespace kfn::http {

std::shared_ptr<InFlight::Ticket> InFlight::enter() {
  {
    std::lock_guard lock(mutex_);
    ++count_;
  }
  return std::make_shared<Ticket>(*this);
}

std::size_t InFlight::count() const {
  std::lock_guard lock(mutex_);
  return count_;
}

bool InFlight::wait_until_idle(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(mutex_);
  return idle_.wait_until(lock, deadline, [this] { return count_ == 0; });
}

void InFlight::release() {
  std::lock_guard lock(mutex_);
  if (--count_ == 0) idle_.notify_all();
}

}  // namespace kfn::http

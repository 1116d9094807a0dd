#include "event_stream.h"

#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include "frames.h"

namespace kfn::sse {
namespace {

// A drained buffer keeps at most this much capacity, so idle streams stay small.
constexpr std::size_t kIdleCapacity = 4096;

}  // namespace

EventStream::EventStream(std::uint64_t serial, std::int64_t user_id, int fd, bool chunked,
                         std::size_t max_queue_bytes)
    : serial_(serial), user_id_(user_id), fd_(fd), chunked_(chunked), max_queue_bytes_(max_queue_bytes) {}

EventStream::~EventStream() { close(-1, {}); }

EventStream::Offered EventStream::queue_locked(std::string_view frame,
                                               std::optional<Clock::time_point> event_time) {
  if (closed_) return {Offer::kClosed, false};
  auto const framed = chunked_ ? chunk(frame) : std::string(frame);
  if (buffer_.size() - sent_ + framed.size() > max_queue_bytes_) return {Offer::kOverflow, false};
  if (sent_ > 0 && sent_ >= buffer_.size() / 2) {  // reclaim the written front before growing
    buffer_.erase(0, sent_);
    sent_ = 0;
  }
  buffer_ += framed;
  total_queued_ += framed.size();
  if (event_time) timings_.emplace_back(total_queued_, *event_time);
  last_queued_ = Clock::now();
  bool const wake = !scheduled_;
  scheduled_ = true;
  return {Offer::kQueued, wake};
}

EventStream::Offered EventStream::offer_event(std::int64_t id, std::string_view frame,
                                              Clock::time_point event_time) {
  std::lock_guard lock(mutex_);
  if (closed_) return {Offer::kClosed, false};
  if (replaying_) {
    if (deferred_bytes_ + frame.size() > max_queue_bytes_) return {Offer::kOverflow, false};
    deferred_.emplace_back(id, std::string(frame));
    deferred_times_.push_back(event_time);
    deferred_bytes_ += frame.size();
    return {Offer::kDeferred, false};
  }
  if (delivered_through_ && id <= *delivered_through_) return {Offer::kSkipped, false};
  return queue_locked(frame, event_time);
}

EventStream::Offered EventStream::offer(std::string_view frame) {
  std::lock_guard lock(mutex_);
  return queue_locked(frame, std::nullopt);
}

EventStream::Offered EventStream::finish_replay(std::optional<std::int64_t> delivered_through) {
  std::lock_guard lock(mutex_);
  replaying_ = false;
  delivered_through_ = delivered_through;
  Offered result{closed_ ? Offer::kClosed : Offer::kSkipped, false};
  for (std::size_t i = 0; i < deferred_.size() && result.offer != Offer::kOverflow; ++i) {
    auto const& [id, frame] = deferred_[i];
    if (delivered_through_ && id <= *delivered_through_) continue;
    auto const offered = queue_locked(frame, deferred_times_[i]);
    if (offered.offer == Offer::kOverflow || offered.offer == Offer::kClosed) {
      result = offered;
      break;
    }
    result.offer = Offer::kQueued;
    result.wake = result.wake || offered.wake;
  }
  deferred_.clear();
  deferred_.shrink_to_fit();
  deferred_times_.clear();
  deferred_times_.shrink_to_fit();
  deferred_bytes_ = 0;
  return result;
}

EventStream::Flushed EventStream::flush() {
  Flushed result;
  std::lock_guard lock(mutex_);
  scheduled_ = false;
  if (closed_) return result;
  while (sent_ < buffer_.size()) {
    auto const n = ::send(fd_, buffer_.data() + sent_, buffer_.size() - sent_, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      sent_ += static_cast<std::size_t>(n);
      total_written_ += static_cast<std::uint64_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      result.pending = true;
      scheduled_ = true;  // EPOLLOUT will flush again; offers need not wake the loop meanwhile
      break;
    }
    result.failed = true;
    return result;
  }
  auto const now = Clock::now();
  std::size_t done = 0;
  while (done < timings_.size() && timings_[done].first <= total_written_) {
    result.latencies.push_back(std::chrono::duration<double>(now - timings_[done].second).count());
    ++done;
  }
  timings_.erase(timings_.begin(), timings_.begin() + static_cast<std::ptrdiff_t>(done));
  if (sent_ == buffer_.size()) {
    buffer_.clear();
    sent_ = 0;
    if (buffer_.capacity() > kIdleCapacity) buffer_.shrink_to_fit();
  }
  return result;
}

bool EventStream::watch(int epoll_fd) {
  std::lock_guard lock(mutex_);
  if (closed_) return false;
  epoll_event event{};
  event.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
  event.data.u64 = serial_;
  return ::epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd_, &event) == 0;
}

bool EventStream::discard_input() {
  std::lock_guard lock(mutex_);
  if (closed_) return true;  // ended already; nothing to report
  char scratch[1024];
  for (;;) {
    auto const got = ::recv(fd_, scratch, sizeof scratch, MSG_DONTWAIT);
    if (got > 0) continue;
    if (got < 0 && errno == EINTR) continue;
    return got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
  }
}

bool EventStream::close(int epoll_fd, std::string_view farewell) {
  std::lock_guard lock(mutex_);
  if (closed_) return false;
  closed_ = true;
  if (epoll_fd >= 0) ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, fd_, nullptr);
  std::string last = chunked_ ? chunk(farewell) + std::string(kLastChunk) : std::string(farewell);
  // Only when nothing else is half-written, or the farewell would corrupt the stream.
  if (sent_ == buffer_.size() && !farewell.empty()) {
    [[maybe_unused]] auto const ignored = ::send(fd_, last.data(), last.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  }
  ::shutdown(fd_, SHUT_RDWR);
  ::close(fd_);
  buffer_.clear();
  buffer_.shrink_to_fit();
  timings_.clear();
  deferred_.clear();
  return true;
}

bool EventStream::closed() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

std::size_t EventStream::queued_bytes() const {
  std::lock_guard lock(mutex_);
  return buffer_.size() - sent_;
}

EventStream::Clock::time_point EventStream::last_queued() const {
  std::lock_guard lock(mutex_);
  return last_queued_;
}

}  // namespace kfn::sse

#include "io_loop.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <array>
#include <stdexcept>

#include "frames.h"
#include "kfn/host/thread_name.h"

namespace kfn::sse {
namespace {

constexpr std::uint64_t kWakeKey = 0;  // stream serials start at 1
constexpr int kTickMs = 1000;

}  // namespace

char const* to_string(EndReason reason) {
  switch (reason) {
    case EndReason::kClientClosed:
      return "client_closed";
    case EndReason::kSocketError:
      return "socket_error";
    case EndReason::kSlowClient:
      return "slow_client";
    case EndReason::kPushedOut:
      return "pushed_out";
    case EndReason::kServerStopping:
      return "server_stopping";
  }
  return "unknown";
}

IoLoop::IoLoop(std::chrono::milliseconds heartbeat, Callbacks callbacks)
    : heartbeat_(heartbeat), callbacks_(std::move(callbacks)) {
  epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
  wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (epoll_fd_ < 0 || wake_fd_ < 0) throw std::runtime_error("sse: cannot create epoll/eventfd");
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.u64 = kWakeKey;
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &event);
}

IoLoop::~IoLoop() {
  stop();
  ::close(wake_fd_);
  ::close(epoll_fd_);
}

void IoLoop::start() {
  running_.store(true);
  thread_ = std::thread([this] { run(); });
}

void IoLoop::stop() {
  if (!running_.exchange(false)) return;
  std::uint64_t one = 1;
  [[maybe_unused]] auto const ignored = ::write(wake_fd_, &one, sizeof one);
  if (thread_.joinable()) thread_.join();
}

void IoLoop::add(std::shared_ptr<EventStream> const& stream) {
  {
    std::lock_guard lock(mutex_);
    streams_[stream->serial()] = stream;
  }
  if (!stream->watch(epoll_fd_)) forget(stream->serial());  // ended meanwhile
}

void IoLoop::forget(std::uint64_t serial) {
  std::lock_guard lock(mutex_);
  streams_.erase(serial);
}

void IoLoop::wake(std::shared_ptr<EventStream> const& stream) {
  {
    std::lock_guard lock(mutex_);
    ready_.push_back(stream);
  }
  std::uint64_t one = 1;
  [[maybe_unused]] auto const ignored = ::write(wake_fd_, &one, sizeof one);
}

std::shared_ptr<EventStream> IoLoop::find(std::uint64_t serial) {
  std::lock_guard lock(mutex_);
  auto const it = streams_.find(serial);
  return it == streams_.end() ? nullptr : it->second;
}

void IoLoop::run() {
  kfn::host::name_this_thread("kfn-sse-io");
  std::array<epoll_event, 256> events{};
  auto next_tick = EventStream::Clock::now() + std::chrono::milliseconds(kTickMs);
  while (running_.load()) {
    int const n = ::epoll_wait(epoll_fd_, events.data(), static_cast<int>(events.size()), kTickMs);
    for (int i = 0; i < n; ++i) {
      if (events[i].data.u64 == kWakeKey) {
        std::uint64_t count = 0;
        [[maybe_unused]] auto const ignored = ::read(wake_fd_, &count, sizeof count);
        continue;
      }
      handle(events[i].data.u64, events[i].events);
    }
    drain_ready();
    auto const now = EventStream::Clock::now();
    if (now >= next_tick) {
      ping_idle(now);
      if (callbacks_.tick) callbacks_.tick();
      next_tick = now + std::chrono::milliseconds(kTickMs);
    }
  }
}

void IoLoop::handle(std::uint64_t serial, std::uint32_t events) {
  auto stream = find(serial);
  if (!stream) return;  // ended meanwhile
  if ((events & (EPOLLERR | EPOLLHUP | EPOLLRDHUP)) != 0)
    return callbacks_.ended(stream, EndReason::kClientClosed);
  if ((events & EPOLLIN) != 0 && !stream->discard_input())
    return callbacks_.ended(stream, EndReason::kClientClosed);
  if ((events & EPOLLOUT) != 0) flush(stream);
}

void IoLoop::flush(std::shared_ptr<EventStream> const& stream) {
  auto flushed = stream->flush();
  if (!flushed.latencies.empty() && callbacks_.written) callbacks_.written(flushed.latencies);
  if (flushed.failed) callbacks_.ended(stream, EndReason::kSocketError);
}

void IoLoop::drain_ready() {
  std::vector<std::weak_ptr<EventStream>> ready;
  {
    std::lock_guard lock(mutex_);
    ready.swap(ready_);
  }
  for (auto const& weak : ready) {
    if (auto stream = weak.lock()) flush(stream);
  }
}

void IoLoop::ping_idle(EventStream::Clock::time_point now) {
  std::vector<std::shared_ptr<EventStream>> idle;
  {
    std::lock_guard lock(mutex_);
    for (auto const& [serial, stream] : streams_) {
      if (now - stream->last_queued() >= heartbeat_) idle.push_back(stream);
    }
  }
  for (auto const& stream : idle) {
    auto const offered = stream->offer(ping_frame());
    if (offered.offer == EventStream::Offer::kOverflow) {
      callbacks_.ended(stream, EndReason::kSlowClient);
    } else if (offered.offer == EventStream::Offer::kQueued) {
      flush(stream);
    }
  }
}

}  // namespace kfn::sse

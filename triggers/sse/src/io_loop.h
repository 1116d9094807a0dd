// The thread that writes every stream's queued bytes and notices clients that went away: one epoll
// over the streams' own descriptors (edge-triggered), an eventfd to be woken for new bytes, and a
// once-a-second tick that queues ": ping" on streams idle for a heartbeat. Nothing here blocks on
// anything but epoll, so one slow stream never delays another and the Kafka consumer never waits.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "event_stream.h"

namespace kfn::sse {

enum class EndReason { kClientClosed, kSocketError, kSlowClient, kPushedOut, kServerStopping };
char const* to_string(EndReason reason);

// Thread-safe: add/forget/wake from any thread; callbacks run on the loop's thread.
class IoLoop {
 public:
  struct Callbacks {
    std::function<void(std::shared_ptr<EventStream> const&, EndReason)> ended;  // must end the stream
    std::function<void(std::vector<double> const&)> written;  // event-to-wire latencies, seconds
    std::function<void()> tick;                               // once a second, after the pings
  };

  IoLoop(std::chrono::milliseconds heartbeat, Callbacks callbacks);
  ~IoLoop();  // stops
  IoLoop(IoLoop const&) = delete;
  IoLoop& operator=(IoLoop const&) = delete;

  void start();
  void stop();  // joins the thread; streams stay open (the owner ends them)

  void add(std::shared_ptr<EventStream> const& stream);
  void forget(std::uint64_t serial);
  // The stream has new bytes (EventStream::Offered::wake said so).
  void wake(std::shared_ptr<EventStream> const& stream);
  [[nodiscard]] int epoll_fd() const { return epoll_fd_; }

 private:
  void run();
  void handle(std::uint64_t serial, std::uint32_t events);
  void flush(std::shared_ptr<EventStream> const& stream);
  void drain_ready();
  void ping_idle(EventStream::Clock::time_point now);
  std::shared_ptr<EventStream> find(std::uint64_t serial);

  std::chrono::milliseconds const heartbeat_;
  Callbacks callbacks_;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;
  std::atomic<bool> running_{false};
  std::thread thread_;

  std::mutex mutex_;
  std::unordered_map<std::uint64_t, std::shared_ptr<EventStream>> streams_;
  std::vector<std::weak_ptr<EventStream>> ready_;
};

}  // namespace kfn::sse

// One open event stream: its socket (a descriptor of its own, see kfn::http::Connection), its
// bounded send queue and the gate that keeps live events behind the replay of a resuming client.
//
// Thread-safety: every member may be called from any thread (the consumer offers, the I/O thread
// flushes, a worker opens, anyone closes); one mutex per stream, never held across another lock.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kfn::sse {

class EventStream {
 public:
  using Clock = std::chrono::steady_clock;

  // Takes ownership of `fd`. `chunked`: HTTP/1.1 chunked body, else bytes until close (HTTP/1.0).
  EventStream(std::uint64_t serial, std::int64_t user_id, int fd, bool chunked, std::size_t max_queue_bytes);
  ~EventStream();
  EventStream(EventStream const&) = delete;
  EventStream& operator=(EventStream const&) = delete;

  enum class Offer {
    kQueued,    // queued; the caller wakes the I/O thread when `wake` says so
    kDeferred,  // held until the replay ends
    kSkipped,   // already replayed
    kOverflow,  // the queue would pass its bound: the caller ends the stream
    kClosed,
  };
  struct Offered {
    Offer offer = Offer::kClosed;
    bool wake = false;  // the stream was idle: the I/O thread must be told
  };

  // A live event: deferred while replaying, skipped when the replay covered its id.
  Offered offer_event(std::int64_t id, std::string_view frame, Clock::time_point event_time);
  // Bytes with no id (retry, replay, reset, ping): queued unless closed or over the bound.
  Offered offer(std::string_view frame);
  // Ends the replay gate: events up to `delivered_through` are dropped, later deferred ones queued.
  Offered finish_replay(std::optional<std::int64_t> delivered_through);

  struct Flushed {
    bool failed = false;            // the socket is broken: end the stream
    bool pending = false;           // bytes remain: wait for EPOLLOUT
    std::vector<double> latencies;  // seconds from event time to written, per event fully written
  };
  // Sends what the socket takes now (non-blocking); the I/O thread's job.
  Flushed flush();
  // Registers the descriptor with `epoll_fd` (edge-triggered in, out and hang-up, keyed by serial)
  // unless the stream has ended: under the lock close() takes, so no ended stream is ever watched.
  bool watch(int epoll_fd);
  // Reads and drops what the client sent (a stream's client has nothing to say); false when the
  // client has gone (EOF or error). Under the stream's lock, so a closed stream's descriptor number,
  // possibly reused by another connection, is never read.
  bool discard_input();

  // Ends the stream once: removes it from `epoll_fd` (when >= 0), writes `farewell` best-effort (plus
  // the last chunk on a chunked stream), shuts the socket down both ways and closes it. True the
  // first time only. The shutdown also ends Pistache's own descriptor of the connection.
  bool close(int epoll_fd, std::string_view farewell);

  [[nodiscard]] std::uint64_t serial() const { return serial_; }
  [[nodiscard]] std::int64_t user_id() const { return user_id_; }
  [[nodiscard]] bool closed() const;
  [[nodiscard]] std::size_t queued_bytes() const;
  [[nodiscard]] Clock::time_point last_queued() const;
  [[nodiscard]] Clock::time_point opened() const { return opened_; }

 private:
  Offered queue_locked(std::string_view frame, std::optional<Clock::time_point> event_time);

  std::uint64_t const serial_;
  std::int64_t const user_id_;
  int const fd_;
  bool const chunked_;
  std::size_t const max_queue_bytes_;
  Clock::time_point const opened_ = Clock::now();

  mutable std::mutex mutex_;
  bool closed_ = false;
  bool scheduled_ = false;  // the I/O thread has been told and has not flushed yet
  std::string buffer_;      // framed bytes; [sent_, size) not yet written
  std::size_t sent_ = 0;
  std::uint64_t total_queued_ = 0;  // bytes ever queued / written, to match events to their bytes
  std::uint64_t total_written_ = 0;
  std::vector<std::pair<std::uint64_t, Clock::time_point>>
      timings_;  // end offset -> event time (a deque allocates even when empty)
  Clock::time_point last_queued_ = opened_;
  bool replaying_ = true;
  std::optional<std::int64_t> delivered_through_;
  std::vector<std::pair<std::int64_t, std::string>> deferred_;  // live events during the replay
  std::size_t deferred_bytes_ = 0;
  std::vector<Clock::time_point> deferred_times_;
};

}  // namespace kfn::sse

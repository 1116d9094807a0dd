// Group commit for POST /messages: concurrent sends share one transaction. Every durable commit costs
// an fsync and every statement a round trip, so one send per transaction bounds a room's throughput
// by MySQL latency; a batch pays those once for all the sends that arrived meanwhile.
//
// Flat combining: a caller that finds a leader's place free becomes a leader and runs batches of
// whatever is waiting until its own send is done, then hands the place to the next waiter. The others
// sleep until their answer is ready. Up to kMaxLeaders batches run at once: a commit waits for an
// fsync (milliseconds here), and InnoDB merges the flushes of concurrent commits, so overlapping
// batches multiply throughput. Sends to one room in two batches serialise on its row lock. No thread
// of its own, so an idle function holds no resources.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <span>
#include <string>

#include "kfn/context.h"
#include "kfn/http.h"
#include "lib/message.h"

namespace chat {

// One send waiting in a batch; the batch runner fills `response` or `error`.
struct PendingSend {
  Message message;
  std::string traceparent;  // of the request that sent it: its event carries it
  std::optional<kfn::HttpResponse> response;
  std::exception_ptr error;
};

// Thread-safe.
class SendBatcher {
 public:
  // Runs one batch with the leader's context; must answer every send (or throw: all get the error).
  using RunBatch = std::function<void(kfn::Context& leader, std::span<PendingSend*> batch)>;

  static constexpr std::size_t kMaxBatch = 64;
  static constexpr std::size_t kMaxLeaders = 4;

  explicit SendBatcher(RunBatch run) : run_(std::move(run)) {}

  // Blocks until `send` is answered; rethrows the batch's error.
  kfn::HttpResponse send(kfn::Context& ctx, PendingSend& send);
  // Sends waiting for a batch (not those in the running one).
  [[nodiscard]] std::size_t waiting() const;

 private:
  struct Waiter {
    PendingSend* send;
    std::condition_variable wake;
    bool done = false;
  };

  void run_one_batch(kfn::Context& ctx, std::unique_lock<std::mutex>& lock);

  RunBatch run_;
  mutable std::mutex mutex_;
  std::deque<Waiter*> waiting_;
  std::size_t leaders_ = 0;
};

}  // namespace chat

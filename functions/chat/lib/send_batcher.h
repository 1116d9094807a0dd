// Group commit for POST /messages (common/group_commit.h): concurrent sends share one transaction.
// Sends to one room in two overlapping batches serialise on the room's row lock.
#pragma once

#include <exception>
#include <functional>
#include <optional>
#include <span>
#include <string>

#include "common/group_commit.h"
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

  static constexpr std::size_t kMaxLeaders = common::GroupCommitLimits{}.max_leaders;

  explicit SendBatcher(RunBatch run) : group_(std::move(run)) {}

  // Blocks until `send` is answered; rethrows the batch's error.
  kfn::HttpResponse send(kfn::Context& ctx, PendingSend& send);
  // Sends waiting for a batch (not those in the running one).
  [[nodiscard]] std::size_t waiting() const { return group_.waiting(); }

 private:
  common::GroupCommit<PendingSend> group_;
};

}  // namespace chat

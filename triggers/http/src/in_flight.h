// Counts requests between their arrival and the moment their response is on the wire, so a
// graceful stop can wait for them.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>

namespace kfn::http {

// Thread-safe. Must outlive every Ticket it hands out.
class InFlight {
 public:
  // Held for one request; the count drops when the last copy of the ticket goes.
  class Ticket {
   public:
    explicit Ticket(InFlight& owner) : owner_(&owner) {}
    ~Ticket() { owner_->release(); }
    Ticket(Ticket const&) = delete;
    Ticket& operator=(Ticket const&) = delete;

   private:
    InFlight* owner_;
  };

  std::shared_ptr<Ticket> enter();
  [[nodiscard]] std::size_t count() const;
  // True when the count reached zero before `deadline`.
  bool wait_until_idle(std::chrono::steady_clock::time_point deadline);

 private:
  void release();

  mutable std::mutex mutex_;
  std::condition_variable idle_;
  std::size_t count_ = 0;
};

}  // namespace kfn::http

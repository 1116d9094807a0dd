// A bounded set of connections shared by threads: opened lazily up to a maximum, handed out by RAII
// lease, waiters block up to a timeout. Dead connections are dropped, so the pool heals on its own.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "kfn/errors.h"

namespace kfn::host {

struct PoolStats {
  std::size_t open = 0;
  std::size_t in_use = 0;
  std::size_t max = 0;
};

// Connection needs broken() (failed while in use) and closed_by_server() (died while idle).
// Thread-safe. The pool must outlive its leases.
template <typename Connection>
class BoundedPool {
 public:
  using Opener = std::function<std::unique_ptr<Connection>()>;

  class Lease {
   public:
    Lease(BoundedPool* pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (pool_ != nullptr && connection_) pool_->give_back(std::move(connection_));
    }
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

   private:
    BoundedPool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  // `name` appears in errors, e.g. "mysql pool for schema chat".
  BoundedPool(std::string name, std::size_t max_size, std::chrono::milliseconds acquire_timeout, Opener open)
      : name_(std::move(name)),
        max_size_(max_size == 0 ? 1 : max_size),
        acquire_timeout_(acquire_timeout),
        open_(std::move(open)) {}

  // Throws kfn::Unavailable when every connection stays busy past the timeout, or what open throws.
  Lease acquire() {
    auto const deadline = std::chrono::steady_clock::now() + acquire_timeout_;
    std::unique_lock lock(mutex_);
    for (;;) {
      if (!idle_.empty()) {
        auto connection = std::move(idle_.back());
        idle_.pop_back();
        ++in_use_;
        lock.unlock();
        if (!connection->closed_by_server()) return Lease(this, std::move(connection));
        connection.reset();
        lock.lock();
        forget_one();
        continue;
      }
      if (open_count_ < max_size_) return open_new(lock);
      if (available_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
          open_count_ >= max_size_) {
        throw Unavailable(name_ + ": all " + std::to_string(max_size_) + " connections busy");
      }
    }
  }

  [[nodiscard]] PoolStats stats() const {
    std::lock_guard lock(mutex_);
    return {open_count_, in_use_, max_size_};
  }

 private:
  Lease open_new(std::unique_lock<std::mutex>& lock) {
    ++open_count_;
    ++in_use_;
    lock.unlock();
    try {
      return Lease(this, open_());
    } catch (...) {
      lock.lock();
      forget_one();
      throw;
    }
  }

  void give_back(std::unique_ptr<Connection> connection) {
    if (connection->broken()) {
      connection.reset();
      std::lock_guard lock(mutex_);
      forget_one();
      return;
    }
    std::lock_guard lock(mutex_);
    --in_use_;
    idle_.push_back(std::move(connection));  // most recently used last, so hot connections stay hot
    available_.notify_one();
  }

  // Called with the lock held, for a leased connection that is gone for good.
  void forget_one() {
    --in_use_;
    --open_count_;
    available_.notify_one();
  }

  std::string const name_;
  std::size_t const max_size_;
  std::chrono::milliseconds const acquire_timeout_;
  Opener const open_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t open_count_ = 0;
  std::size_t in_use_ = 0;
};

}  // namespace kfn::host

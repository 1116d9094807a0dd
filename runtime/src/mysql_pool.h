// The connections to one schema: at most N, opened on first need, shared by every function of that
// context. A connection the server dropped is discarded, so the pool recovers when MySQL comes back.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "bounded_pool.h"
#include "mysql_connection.h"

namespace kfn::host {

// Thread-safe; must outlive its leases.
// Example: auto lease = pool.acquire(); lease->execute("SELECT 1");
class MysqlPool {
 public:
  using Lease = BoundedPool<MysqlConnection>::Lease;

  MysqlPool(MysqlSettings settings, std::size_t max_size,
            std::chrono::milliseconds acquire_timeout = std::chrono::seconds(3));

  // Throws kfn::Unavailable when MySQL cannot be reached or every connection stays busy.
  Lease acquire() { return pool_.acquire(); }
  [[nodiscard]] PoolStats stats() const { return pool_.stats(); }
  [[nodiscard]] std::string const& schema() const { return settings_.schema; }

 private:
  MysqlSettings const settings_;
  BoundedPool<MysqlConnection> pool_;
};

}  // namespace kfn::host

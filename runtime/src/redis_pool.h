// kfn::Redis over a bounded pool of synchronous hiredis connections. Commands go out as argument
// vectors (binary-safe, nothing spliced into command text); a dead connection is dropped and the next
// call reconnects, so the pool recovers on its own when Redis comes back.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "bounded_pool.h"
#include "kfn/redis.h"
#include "redis_holders.h"

namespace kfn::host {

struct RedisSettings {
  std::string host = "127.0.0.1";
  int port = 6379;
  std::string user;      // ACL user; empty: the default user
  std::string password;  // never log it
  int database = 0;
  std::chrono::milliseconds connect_timeout{1000};
  std::chrono::milliseconds command_timeout{2000};
};

// redis://[[user]:password@]host[:port][/database]. Throws std::invalid_argument (never echoing the
// password).
RedisSettings parse_redis_url(std::string_view url);

// One connection. Not thread-safe. Throws kfn::Unavailable on any I/O or protocol failure, after which
// it is broken() for good. Error replies are values (RedisReply::Type::kError), not exceptions.
class RedisConnection {
 public:
  explicit RedisConnection(RedisSettings const& settings);
  RedisReply command(std::vector<std::string> const& args);
  std::vector<RedisReply> pipeline(std::vector<std::vector<std::string>> const& commands);
  [[nodiscard]] bool broken() const { return broken_; }
  [[nodiscard]] bool closed_by_server() const;

 private:
  void append(std::vector<std::string> const& args);
  RedisReply read_reply();
  [[noreturn]] void fail(std::string_view doing);

  RedisContextHandle context_;
  bool broken_ = false;
};

// Thread-safe.
class RedisPool final : public Redis {
 public:
  RedisPool(RedisSettings settings, std::size_t max_size,
            std::chrono::milliseconds acquire_timeout = std::chrono::seconds(2));
  RedisReply command(std::vector<std::string> const& args) override;
  std::vector<RedisReply> pipeline(std::vector<std::vector<std::string>> const& commands) override;
  [[nodiscard]] PoolStats stats() const { return pool_.stats(); }

 private:
  RedisSettings const settings_;
  BoundedPool<RedisConnection> pool_;
};

}  // namespace kfn::host

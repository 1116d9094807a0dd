// Single-use stream tickets, for browsers whose EventSource cannot send an Authorization header:
// 256 random bits, kept in Redis (under their SHA-256, so not even Redis holds a usable ticket) for
// a short TTL and deleted by the one redemption that succeeds. Tickets are never logged.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kfn/redis.h"

namespace kfn::sse {

// Thread-safe as long as `redis` is. Throws kfn::Unavailable when Redis is down.
class TicketStore {
 public:
  TicketStore(Redis& redis, std::string key_prefix, std::chrono::milliseconds ttl)
      : redis_(redis), key_prefix_(std::move(key_prefix)), ttl_(ttl) {}

  // A new ticket for `user_id`, valid for ttl().
  std::string issue(std::int64_t user_id);
  // The user the ticket was issued to, once: a second redemption, an expired or an unknown ticket
  // gives nullopt. Malformed input never reaches Redis.
  std::optional<std::int64_t> redeem(std::string_view ticket);
  [[nodiscard]] std::chrono::milliseconds ttl() const { return ttl_; }

 private:
  [[nodiscard]] std::string key_for(std::string_view ticket) const;

  Redis& redis_;
  std::string key_prefix_;
  std::chrono::milliseconds ttl_;
};

// 64 lower-case hex digits; what issue() returns and redeem() accepts.
bool looks_like_ticket(std::string_view text);

}  // namespace kfn::sse

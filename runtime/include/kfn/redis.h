// Redis for functions: presence, rate limits, denylists, tickets. Commands are argument vectors, so
// values are never spliced into command text.
// Example: ctx.redis().command({"SET", key, value, "EX", "30", "NX"});
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kfn {

struct RedisReply {
  enum class Type { kNil, kInteger, kString, kStatus, kError, kArray };
  Type type = Type::kNil;
  std::int64_t integer = 0;
  std::string str;  // kString, kStatus and kError
  std::vector<RedisReply> elements;

  [[nodiscard]] bool is_nil() const { return type == Type::kNil; }
};

// Thread-safe; commands run on a pooled connection. Throws kfn::Unavailable when Redis is down.
class Redis {
 public:
  virtual ~Redis() = default;
  virtual RedisReply command(std::vector<std::string> const& args) = 0;
  // Sends all commands in one round trip; replies in the same order.
  virtual std::vector<RedisReply> pipeline(std::vector<std::vector<std::string>> const& commands) = 0;
};

}  // namespace kfn

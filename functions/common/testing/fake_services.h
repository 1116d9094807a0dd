// In-memory stand-ins for the services a kfn::Context hands out, for unit tests of handlers that run
// without MySQL, Redis or Kafka. Single-threaded, test-only; time never passes unless a test says so.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kfn/auth.h"
#include "kfn/config.h"
#include "kfn/errors.h"
#include "kfn/event.h"
#include "kfn/log.h"
#include "kfn/metrics.h"
#include "kfn/redis.h"

namespace common::testing {

class FakeConfig : public kfn::Config {
 public:
  std::map<std::string, std::string, std::less<>> values;

  [[nodiscard]] std::optional<std::string> get(std::string_view key) const override {
    auto const it = values.find(key);
    return it == values.end() ? std::nullopt : std::optional<std::string>(it->second);
  }
  [[nodiscard]] std::optional<std::string> secret(std::string_view key) const override { return get(key); }
};

class FakeLogger : public kfn::Logger {
 public:
  struct Line {
    kfn::LogLevel level;
    std::string message;
    nlohmann::json fields;
  };
  std::vector<Line> lines;

  void log(kfn::LogLevel level, std::string_view message, nlohmann::json const& fields) override {
    lines.push_back({level, std::string(message), fields});
  }
};

class FakeMetrics : public kfn::Metrics {
 public:
  std::map<std::string, double, std::less<>> counts;
  void count(std::string_view name, double value) override { counts[std::string(name)] += value; }
  void observe(std::string_view /*name*/, double /*value*/) override {}
};

// Issues "access-<n>" tokens with jti "jti-<n>" and remembers what was revoked.
class FakeTokens : public kfn::Tokens {
 public:
  std::int64_t expires_in = 900;
  std::vector<std::pair<std::int64_t, std::string>> issued;   // (user id, jti)
  std::vector<std::pair<std::string, std::int64_t>> revoked;  // (jti, expires_at)

  kfn::AccessToken issue(std::int64_t user_id) override {
    std::string const n = std::to_string(issued.size() + 1);
    issued.emplace_back(user_id, "jti-" + n);
    return {"access-" + n, "jti-" + n, expires_in};
  }
  void revoke(std::string const& jti, std::int64_t expires_at) override {
    revoked.emplace_back(jti, expires_at);
  }
};

class FakeEventPublisher : public kfn::EventPublisher {
 public:
  std::vector<kfn::DomainEvent> published;
  void publish(kfn::DomainEvent event) override { published.push_back(std::move(event)); }
  // Scripted failure: throws kfn::Unavailable, as when Kafka does not acknowledge, and keeps nothing.
  bool unacknowledged = false;
  void publish_confirmed(std::vector<kfn::DomainEvent> events) override {
    if (unacknowledged) throw kfn::Unavailable("kafka did not acknowledge");
    for (auto& event : events) published.push_back(std::move(event));
  }
};

// The handful of Redis commands functions use: GET, SET [EX n] [NX], INCR, EXPIRE, TTL, DEL.
// TTLs are remembered but never run down; anything else answers an error reply.
class FakeRedis : public kfn::Redis {
 public:
  struct Entry {
    std::string value;
    std::int64_t ttl = -1;
  };
  std::map<std::string, Entry, std::less<>> keys;
  std::vector<std::vector<std::string>> commands;

  kfn::RedisReply command(std::vector<std::string> const& args) override;
  std::vector<kfn::RedisReply> pipeline(std::vector<std::vector<std::string>> const& batch) override {
    std::vector<kfn::RedisReply> replies;
    replies.reserve(batch.size());
    for (auto const& args : batch) replies.push_back(command(args));
    return replies;
  }

 private:
  static kfn::RedisReply integer(std::int64_t n) { return {kfn::RedisReply::Type::kInteger, n, {}, {}}; }
  static kfn::RedisReply status(std::string s) {
    return {kfn::RedisReply::Type::kStatus, 0, std::move(s), {}};
  }
  kfn::RedisReply set(std::vector<std::string> const& args);
};

inline kfn::RedisReply FakeRedis::command(std::vector<std::string> const& args) {
  commands.push_back(args);
  std::string const name = args.empty() ? std::string() : args[0];
  auto const it = args.size() > 1 ? keys.find(args[1]) : keys.end();
  if (name == "GET" && args.size() == 2) {
    if (it == keys.end()) return {};
    return {kfn::RedisReply::Type::kString, 0, it->second.value, {}};
  }
  if (name == "SET" && args.size() >= 3) return set(args);
  if (name == "INCR" && args.size() == 2) {
    Entry& entry = keys[args[1]];
    std::int64_t const next = (entry.value.empty() ? 0 : std::stoll(entry.value)) + 1;
    entry.value = std::to_string(next);
    return integer(next);
  }
  if (name == "EXPIRE" && args.size() == 3) {
    if (it == keys.end()) return integer(0);
    it->second.ttl = std::stoll(args[2]);
    return integer(1);
  }
  if (name == "TTL" && args.size() == 2) return integer(it == keys.end() ? -2 : it->second.ttl);
  if (name == "DEL" && args.size() >= 2) {
    std::int64_t removed = 0;
    for (std::size_t i = 1; i < args.size(); ++i) removed += static_cast<std::int64_t>(keys.erase(args[i]));
    return integer(removed);
  }
  return {kfn::RedisReply::Type::kError, 0, "ERR fake redis does not know this command", {}};
}

inline kfn::RedisReply FakeRedis::set(std::vector<std::string> const& args) {
  Entry entry{args[2], -1};
  bool only_if_absent = false;
  for (std::size_t i = 3; i < args.size(); ++i) {
    if (args[i] == "NX") only_if_absent = true;
    if (args[i] == "EX" && i + 1 < args.size()) entry.ttl = std::stoll(args[++i]);
  }
  if (only_if_absent && keys.count(args[1]) != 0) return {};
  keys[args[1]] = std::move(entry);
  return status("OK");
}

}  // namespace common::testing

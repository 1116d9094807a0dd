// Test helper: a host::Services with no servers behind it. The database throws on any use, Redis
// records commands and answers OK, the publisher records events. The real Services is tested
// against real servers elsewhere.
#pragma once

#include <mutex>
#include <stdexcept>
#include <utility>
#include <vector>

#include "kfn/host/services.h"

namespace kfn::host::testing {

class ThrowingDatabase : public SchemaDatabase {
 public:
  SqlResult execute(std::string_view, SqlParams const&) override {
    throw std::runtime_error("no database in unit tests");
  }
  std::unique_ptr<Transaction> begin(EventOrigin const&) override {
    throw std::runtime_error("no database in unit tests");
  }
};

class RecordingRedis : public Redis {
 public:
  RedisReply command(std::vector<std::string> const& args) override {
    std::lock_guard const lock(mutex_);
    commands_.push_back(args);
    return RedisReply{RedisReply::Type::kStatus, 0, "OK", {}};
  }
  std::vector<RedisReply> pipeline(std::vector<std::vector<std::string>> const& commands) override {
    std::vector<RedisReply> replies;
    for (auto const& args : commands) replies.push_back(command(args));
    return replies;
  }
  std::vector<std::vector<std::string>> commands() const {
    std::lock_guard const lock(mutex_);
    return commands_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::vector<std::string>> commands_;
};

// Records each event with its origin as "<function>|<traceparent>".
class RecordingPublisher : public DirectPublisher {
 public:
  void publish(DomainEvent event, EventOrigin const& origin) override {
    std::lock_guard const lock(mutex_);
    published_.emplace_back(std::move(event),
                            std::string(origin.function_name) + "|" + std::string(origin.traceparent));
  }
  void publish_confirmed(std::vector<DomainEvent> events, EventOrigin const& origin) override {
    for (auto& event : events) publish(std::move(event), origin);
  }
  std::vector<std::pair<DomainEvent, std::string>> published() const {
    std::lock_guard const lock(mutex_);
    return published_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::pair<DomainEvent, std::string>> published_;
};

class FakeServices : public Services {
 public:
  void migrate(std::string const&, std::filesystem::path const&) override {
    throw std::logic_error("the function host must not migrate");
  }
  SchemaDatabase& database(std::string const& schema) override {
    schemas.push_back(schema);
    return database_;
  }
  Redis& redis() override { return redis_; }
  DirectPublisher& publisher() override { return publisher_; }
  bool ready(std::string&) override { return true; }
  std::string metrics_text() override { return {}; }
  void shutdown(std::chrono::milliseconds) override {}

  [[nodiscard]] RecordingRedis const& recorded_redis() const { return redis_; }
  [[nodiscard]] RecordingPublisher const& recorded_publisher() const { return publisher_; }
  std::vector<std::string> schemas;  // asked for by database()

 private:
  ThrowingDatabase database_;
  RecordingRedis redis_;
  RecordingPublisher publisher_;
};

}  // namespace kfn::host::testing

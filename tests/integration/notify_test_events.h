// Test helpers for the notify context's end-to-end tests: a producer that writes domain events onto
// the runner's embedded Kafka exactly as other contexts would (CloudEvents binary mode), the event
// data of docs/events.md, and bounded polling.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace kfn::test {

// Not thread-safe; one per test.
class EventProducer {
 public:
  explicit EventProducer(std::string const& bootstrap);
  ~EventProducer();
  EventProducer(EventProducer const&) = delete;
  EventProducer& operator=(EventProducer const&) = delete;

  // Produces one record (adding event_type and occurred_at to `data`) and waits for the broker's
  // acknowledgement. An empty `ce_id` gets a fresh one; the id used is returned.
  std::string produce(std::string const& topic, std::string const& key, std::string const& type,
                      nlohmann::json data, std::string ce_id = {});

 private:
  struct Impl;
  Impl* impl_;
};

// An id no other test run uses, for rooms and messages that exist only in events.
std::int64_t unique_id();

nlohmann::json user_snapshot(std::int64_t id);
nlohmann::json friend_request_sent(std::int64_t requester, std::int64_t target);
nlohmann::json friend_request_accepted(std::int64_t requester, std::int64_t target);
nlohmann::json message_sent(std::int64_t room, std::int64_t message_id, std::int64_t seq, std::int64_t sender,
                            std::vector<std::int64_t> const& members, std::string const& content);
nlohmann::json online_status(std::int64_t user, bool online);

// Calls `check` until it returns true or `timeout` passes; true when it did.
bool eventually(std::function<bool()> const& check,
                std::chrono::milliseconds timeout = std::chrono::seconds(20));

}  // namespace kfn::test

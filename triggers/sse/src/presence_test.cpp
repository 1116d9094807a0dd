#include "presence.h"

#include <catch2/catch.hpp>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "kfn/host/process_log.h"
#include "test_redis.h"

using namespace kfn::sse;
using kfn::sse::testing::test_services;
using kfn::sse::testing::unique_prefix;

namespace {

// Records what would go to Kafka: user id -> the online values announced, in order.
class RecordingPublisher : public kfn::host::DirectPublisher {
 public:
  void publish(kfn::DomainEvent event, kfn::host::EventOrigin const& origin) override {
    std::lock_guard lock(mutex_);
    topics_ok_ = topics_ok_ && event.topic == "user.online_status" &&
                 event.type == "UserOnlineStatusChanged" && origin.function_name == "edge-test";
    announced_[event.data["user_id"].get<std::int64_t>()].push_back(event.data["online"].get<bool>());
    changed_.notify_all();
  }
  void publish_confirmed(std::vector<kfn::DomainEvent> events,
                         kfn::host::EventOrigin const& origin) override {
    for (auto& event : events) publish(std::move(event), origin);
  }
  // Waits (10 s at most) until `user` has `count` announcements; returns them.
  std::vector<bool> wait_for(std::int64_t user, std::size_t count) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, std::chrono::seconds(10), [&] { return announced_[user].size() >= count; });
    return announced_[user];
  }
  bool topics_ok() {
    std::lock_guard lock(mutex_);
    return topics_ok_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::int64_t, std::vector<bool>> announced_;
  bool topics_ok_ = true;
};

// Each edge's local stream counts, as its registry would report them.
struct LocalCounts {
  std::mutex mutex;
  std::map<std::int64_t, std::size_t> counts;
  std::function<std::size_t(std::int64_t)> reader() {
    return [this](std::int64_t user) {
      std::lock_guard lock(mutex);
      return counts[user];
    };
  }
  void set(std::int64_t user, std::size_t n) {
    std::lock_guard lock(mutex);
    counts[user] = n;
  }
};

PresenceSettings settings(std::string const& prefix, std::string const& edge) {
  return {prefix, edge, "edge-test", "user.online_status", std::chrono::milliseconds(100)};
}

}  // namespace

TEST_CASE("a user is online while any edge holds a stream, and transitions are announced once") {
  auto& redis = test_services().redis();
  auto const prefix = unique_prefix();
  auto log = kfn::host::make_process_logger();
  RecordingPublisher publisher;
  LocalCounts a_counts;
  LocalCounts b_counts;
  Presence a(redis, publisher, settings(prefix, "edge-a"), a_counts.reader(), *log);
  Presence b(redis, publisher, settings(prefix, "edge-b"), b_counts.reader(), *log);
  a.start();
  b.start();

  a_counts.set(5, 1);
  a.changed(5);
  CHECK(publisher.wait_for(5, 1) == std::vector<bool>{true});
  b_counts.set(5, 2);
  b.changed(5);  // online through edge a already: nothing to announce
  // Edge b's entry must be in Redis before edge a leaves (the presence threads run on their own).
  auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (redis.command({"ZSCORE", prefix + "presence:5", "edge-b"}).is_nil() &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::yield();
  }
  a_counts.set(5, 0);
  a.changed(5);  // still online through edge b
  b_counts.set(5, 0);
  b.changed(5);
  CHECK(publisher.wait_for(5, 2) == std::vector<bool>{true, false});
  a.stop();
  b.stop();
  CHECK(publisher.wait_for(5, 2).size() == 2);
  CHECK(publisher.topics_ok());
}

TEST_CASE("a crashed edge's users are taken offline by another edge's heartbeat") {
  auto& redis = test_services().redis();
  auto const prefix = unique_prefix();
  // What an edge that died holding user 9 leaves behind: entries nobody renews.
  redis.command({"ZADD", prefix + "presence-edges", "1", "dead-edge"});
  redis.command({"SADD", prefix + "presence-edge:dead-edge", "9"});
  redis.command({"ZADD", prefix + "presence:9", "1", "dead-edge"});

  auto log = kfn::host::make_process_logger();
  RecordingPublisher publisher;
  LocalCounts counts;
  Presence survivor(redis, publisher, settings(prefix, "edge-alive"), counts.reader(), *log);
  survivor.start();
  CHECK(publisher.wait_for(9, 1) == std::vector<bool>{false});
  CHECK(redis.command({"EXISTS", prefix + "presence:9"}).integer == 0);
  CHECK(redis.command({"ZSCORE", prefix + "presence-edges", "dead-edge"}).is_nil());
  survivor.stop();
}

TEST_CASE("stopping an edge takes its users offline and removes the edge") {
  auto& redis = test_services().redis();
  auto const prefix = unique_prefix();
  auto log = kfn::host::make_process_logger();
  RecordingPublisher publisher;
  LocalCounts counts;
  Presence edge(redis, publisher, settings(prefix, "edge-going"), counts.reader(), *log);
  edge.start();
  counts.set(3, 1);
  edge.changed(3);
  CHECK(publisher.wait_for(3, 1) == std::vector<bool>{true});
  counts.set(3, 0);  // its streams were ended
  edge.stop();
  CHECK(publisher.wait_for(3, 2) == std::vector<bool>{true, false});
  CHECK(redis.command({"ZSCORE", prefix + "presence-edges", "edge-going"}).is_nil());
}

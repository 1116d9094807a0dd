// Presence across edges: a user is online while any edge has a stream of theirs open. Each edge
// keeps, per user it serves, a member in the user's Redis sorted set (score = when it expires unless
// the edge's heartbeat renews it), and announces transitions as UserOnlineStatusChanged on
// user.online_status (notify-push stores them and tells the user's friends `presence.changed`).
// An edge that crashes stops renewing; the next edge to sweep claims it and takes its users offline,
// so they go offline within three heartbeats.
//
// Thread-safe: changed() from any thread; Redis and Kafka are used only on the presence thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "kfn/host/services.h"
#include "kfn/log.h"
#include "kfn/redis.h"

namespace kfn::sse {

struct PresenceSettings {
  std::string key_prefix;     // e.g. "kfn:sse:" plus the deployment's prefix
  std::string edge_id;        // unique per process
  std::string function_name;  // the edge's name, the events' ce_source
  std::string topic = "user.online_status";
  std::chrono::milliseconds heartbeat{15'000};
};

class Presence {
 public:
  // `local_streams(user)`: how many streams the user has open on this edge now.
  Presence(Redis& redis, kfn::host::DirectPublisher& publisher, PresenceSettings settings,
           std::function<std::size_t(std::int64_t)> local_streams, Logger& log);
  ~Presence();  // stops
  Presence(Presence const&) = delete;
  Presence& operator=(Presence const&) = delete;

  void start();
  // Takes every user this edge still holds offline (call once their streams are ended), then stops.
  void stop();
  // The user's local stream count changed; Redis and the announcement follow on the presence thread.
  void changed(std::int64_t user_id);

 private:
  void run();
  void reconcile(std::int64_t user_id);
  void heartbeat();
  void sweep_dead_edges();
  bool join(std::int64_t user_id, std::string const& edge_id);   // true: the user came online
  bool leave(std::int64_t user_id, std::string const& edge_id);  // true: the user went offline
  void announce(std::int64_t user_id, bool online);
  [[nodiscard]] std::string user_key(std::int64_t user_id) const;
  [[nodiscard]] std::string edge_users_key(std::string const& edge_id) const;
  [[nodiscard]] std::int64_t expiry_ms() const;

  Redis& redis_;
  kfn::host::DirectPublisher& publisher_;
  PresenceSettings const settings_;
  std::function<std::size_t(std::int64_t)> local_streams_;
  Logger& log_;

  std::mutex mutex_;
  std::condition_variable wake_;
  std::set<std::int64_t> dirty_;  // users to reconcile
  bool stopping_ = false;
  std::thread thread_;
  std::set<std::int64_t> joined_;  // users this edge holds online in Redis (presence thread only)
};

}  // namespace kfn::sse

// Each user's recent events, so a reconnecting client resumes where it stopped (Last-Event-ID).
// The id of an event is the offset of its EventDelivery record in the recipient's partition of
// notification.events: every edge sees the same record at the same offset, so every edge assigns
// the same id without coordinating, and a user's ids grow with the partition (all of a user's
// deliveries share a partition, as the topic is keyed by recipient).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kfn/redis.h"

namespace kfn::sse {

struct StoredEvent {
  std::int64_t id = 0;
  std::string event;
  std::string data;  // one line of JSON
};

// What a stream sends before its live events.
struct ResumePlan {
  std::vector<StoredEvent> replay;       // in id order, after the client's last id
  bool reset = false;                    // the client missed events the history no longer has
  std::optional<std::int64_t> reset_id;  // the id the reset frame carries: the newest stored, if any
  // Live events with ids up to this were replayed (or skipped by the reset) and must not be sent again.
  std::optional<std::int64_t> delivered_through;
};

// `stored_from_last`: the user's stored events with id >= last_id, in id order; `newest_id`: the
// newest stored id. A client resumes only when its last id is still stored (so nothing between it
// and the replay was trimmed away); otherwise, or when the replay would pass `max_replay_bytes`,
// it gets a reset and reloads through REST.
ResumePlan plan_resume(std::optional<std::int64_t> last_id, std::vector<StoredEvent> stored_from_last,
                       std::optional<std::int64_t> newest_id, std::size_t max_replay_bytes);

// Per-user history in a Redis sorted set (score = id), trimmed to the newest `max_events` and
// expiring `ttl` after the last write. Appends are idempotent: every edge appends every delivery, and
// the same id with the same bytes is one member. Thread-safe as long as `redis` is.
class HistoryStore {
 public:
  HistoryStore(Redis& redis, std::string key_prefix, std::size_t max_events, std::chrono::milliseconds ttl)
      : redis_(redis), key_prefix_(std::move(key_prefix)), max_events_(max_events), ttl_(ttl) {}

  void append(std::int64_t user_id, StoredEvent const& event);
  // Many users' events in one round trip (the consumer appends a poll's worth at once).
  void append_all(std::vector<std::pair<std::int64_t, StoredEvent>> const& events);
  // The plan for a stream of `user_id` resuming after `last_id` (no Redis call without one).
  ResumePlan resume(std::int64_t user_id, std::optional<std::int64_t> last_id, std::size_t max_replay_bytes);

 private:
  [[nodiscard]] std::string key_for(std::int64_t user_id) const;

  Redis& redis_;
  std::string key_prefix_;
  std::size_t max_events_;
  std::chrono::milliseconds ttl_;
};

// The sorted-set member of an event, "<id>\n<event>\n<data>", and back (nullopt when malformed).
std::string encode_member(StoredEvent const& event);
std::optional<StoredEvent> decode_member(std::string_view member);

}  // namespace kfn::sse

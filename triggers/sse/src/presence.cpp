#include "presence.h"

#include <exception>
#include <vector>

#include "kfn/errors.h"
#include "kfn/host/thread_name.h"
#include "kfn/time.h"

namespace kfn::sse {
namespace {

// KEYS: user set, edge's user set. ARGV: edge id, now ms, expiry ms, user id.
// Drops expired edges, then adds this one; 1 when no other live edge had the user.
constexpr char kJoinScript[] = R"lua(
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
local mine = redis.call('ZSCORE', KEYS[1], ARGV[1])
local others = redis.call('ZCARD', KEYS[1]) - (mine and 1 or 0)
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
redis.call('PEXPIREAT', KEYS[1], ARGV[3])
redis.call('SADD', KEYS[2], ARGV[4])
if others == 0 and not mine then return 1 end
return 0
)lua";

// KEYS: user set, edge's user set. ARGV: edge id, now ms, user id.
// 1 when no live edge holds the user any more (also when the set had expired with its edges: an
// extra "offline" is harmless, a missing one leaves the user online for ever).
constexpr char kLeaveScript[] = R"lua(
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('SREM', KEYS[2], ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
if redis.call('ZCARD', KEYS[1]) == 0 then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
)lua";

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Presence::Presence(Redis& redis, kfn::host::DirectPublisher& publisher, PresenceSettings settings,
                   std::function<std::size_t(std::int64_t)> local_streams, Logger& log)
    : redis_(redis),
      publisher_(publisher),
      settings_(std::move(settings)),
      local_streams_(std::move(local_streams)),
      log_(log) {}

Presence::~Presence() { stop(); }

void Presence::start() {
  thread_ = std::thread([this] { run(); });
}

void Presence::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Presence::changed(std::int64_t user_id) {
  {
    std::lock_guard lock(mutex_);
    dirty_.insert(user_id);
  }
  wake_.notify_all();
}

std::string Presence::user_key(std::int64_t user_id) const {
  return settings_.key_prefix + "presence:" + std::to_string(user_id);
}

std::string Presence::edge_users_key(std::string const& edge_id) const {
  return settings_.key_prefix + "presence-edge:" + edge_id;
}

std::int64_t Presence::expiry_ms() const { return now_ms() + 3 * settings_.heartbeat.count(); }

void Presence::run() {
  kfn::host::name_this_thread("kfn-presence");
  auto next_beat = std::chrono::steady_clock::now();
  for (;;) {
    std::set<std::int64_t> dirty;
    bool stopping = false;
    {
      std::unique_lock lock(mutex_);
      wake_.wait_until(lock, next_beat, [&] { return stopping_ || !dirty_.empty(); });
      dirty.swap(dirty_);
      stopping = stopping_;
    }
    for (std::int64_t user : dirty) reconcile(user);
    if (stopping) break;
    if (std::chrono::steady_clock::now() >= next_beat) {
      heartbeat();
      next_beat = std::chrono::steady_clock::now() + settings_.heartbeat;
    }
  }
  // Whoever is still joined goes offline with this edge; its own entry goes too.
  for (std::int64_t user : std::set<std::int64_t>(joined_)) reconcile(user);
  try {
    redis_.pipeline({{"ZREM", settings_.key_prefix + "presence-edges", settings_.edge_id},
                     {"DEL", edge_users_key(settings_.edge_id)}});
  } catch (std::exception const& e) {
    log_.warn("sse presence: cannot remove this edge", {{"error", e.what()}});
  }
}

// Brings Redis in line with the local count; a failure leaves the user dirty for the next beat.
void Presence::reconcile(std::int64_t user_id) {
  try {
    bool const wanted = local_streams_(user_id) > 0;
    bool const joined = joined_.count(user_id) != 0;
    if (wanted && !joined) {
      if (join(user_id, settings_.edge_id)) announce(user_id, true);
      joined_.insert(user_id);
    } else if (!wanted && joined) {
      if (leave(user_id, settings_.edge_id)) announce(user_id, false);
      joined_.erase(user_id);
    }
  } catch (std::exception const& e) {
    log_.warn("sse presence: will retry", {{"user_id", user_id}, {"error", e.what()}});
    std::lock_guard lock(mutex_);
    dirty_.insert(user_id);
  }
}

bool Presence::join(std::int64_t user_id, std::string const& edge_id) {
  auto const reply =
      redis_.command({"EVAL", kJoinScript, "2", user_key(user_id), edge_users_key(edge_id), edge_id,
                      std::to_string(now_ms()), std::to_string(expiry_ms()), std::to_string(user_id)});
  if (reply.type == RedisReply::Type::kError) throw std::runtime_error(reply.str);
  return reply.integer == 1;
}

bool Presence::leave(std::int64_t user_id, std::string const& edge_id) {
  auto const reply = redis_.command({"EVAL", kLeaveScript, "2", user_key(user_id), edge_users_key(edge_id),
                                     edge_id, std::to_string(now_ms()), std::to_string(user_id)});
  if (reply.type == RedisReply::Type::kError) throw std::runtime_error(reply.str);
  return reply.integer == 1;
}

void Presence::announce(std::int64_t user_id, bool online) {
  kfn::DomainEvent event{settings_.topic,
                         std::to_string(user_id),
                         "UserOnlineStatusChanged",
                         {{"user_id", user_id},
                          {"online", online},
                          {"last_seen_at", kfn::format_rfc3339(std::chrono::system_clock::now())}}};
  publisher_.publish(std::move(event), {settings_.function_name, {}});
}

// Renews this edge and every user it holds, then takes over the users of edges that stopped renewing.
void Presence::heartbeat() {
  try {
    auto const expiry = std::to_string(expiry_ms());
    std::vector<std::vector<std::string>> renewals{
        {"ZADD", settings_.key_prefix + "presence-edges", expiry, settings_.edge_id},
        {"PEXPIRE", edge_users_key(settings_.edge_id), std::to_string(6 * settings_.heartbeat.count())}};
    for (std::int64_t user : joined_) {
      renewals.push_back({"ZADD", user_key(user), "XX", expiry, settings_.edge_id});
      renewals.push_back({"PEXPIREAT", user_key(user), expiry});
    }
    redis_.pipeline(renewals);
    sweep_dead_edges();
  } catch (std::exception const& e) {
    log_.warn("sse presence heartbeat failed", {{"error", e.what()}});
  }
}

void Presence::sweep_dead_edges() {
  auto const edges_key = settings_.key_prefix + "presence-edges";
  auto const dead =
      redis_.command({"ZRANGEBYSCORE", edges_key, "-inf", std::to_string(now_ms()), "LIMIT", "0", "16"});
  for (auto const& element : dead.elements) {
    std::string const& edge_id = element.str;
    if (redis_.command({"ZREM", edges_key, edge_id}).integer != 1) continue;  // another edge claimed it
    auto const users = redis_.command({"SMEMBERS", edge_users_key(edge_id)});
    for (auto const& user : users.elements) {
      std::int64_t const user_id = std::stoll(user.str);
      if (leave(user_id, edge_id)) announce(user_id, false);
    }
    redis_.command({"DEL", edge_users_key(edge_id)});
    log_.info("sse presence: took over a dead edge's users",
              {{"edge", edge_id}, {"users", users.elements.size()}});
  }
}

}  // namespace kfn::sse

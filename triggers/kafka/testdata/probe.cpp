// A test event function steered by the record it gets and reporting what it saw, so the Kafka
// trigger's tests can check order, retries, concurrency and redelivery from outside.
//
// Value (JSON, every field optional): {"seq": 7, "delay_ms": 20, "fail_times": 2, "permanent": true}
//   delay_ms    sleep that long (a slow handler)
//   fail_times  answer retry for the first N attempts of this event id (attempts counted in Redis)
//   permanent   answer permanent failure
// Config (manifest env): PROBE_PREFIX (Redis key prefix, required), PROBE_DB=1 (record the effect in
// MySQL table probe_effects, deduplicated with Transaction::first_delivery).
// Redis: <prefix>:seen:<key> list of seqs in handling order, <prefix>:handled count,
// <prefix>:timeline list of "done:<key>:<seq>" and "attempt:<key>:<seq>" (failing records only),
// <prefix>:concurrency list of running counts at start, <prefix>:attempt_ms:<event id> list of
// attempt times (failing records only).
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "kfn/function.h"

namespace {

struct Probe {
  std::string prefix;
  bool use_database = false;
  std::atomic<int> running{0};
};

struct Steering {
  std::string seq;
  int delay_ms = 0;
  int fail_times = 0;
  bool permanent = false;
};

Steering read_steering(kfn::CloudEvent const& event) {
  Steering steering;
  steering.seq = event.id;
  auto json = nlohmann::json::parse(event.data, nullptr, false);
  if (!json.is_object()) return steering;
  if (json.contains("seq")) steering.seq = json["seq"].dump();
  steering.delay_ms = json.value("delay_ms", 0);
  steering.fail_times = json.value("fail_times", 0);
  steering.permanent = json.value("permanent", false);
  return steering;
}

std::int64_t wall_ms(kfn::Context& ctx) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(ctx.now().time_since_epoch()).count();
}

// True while this attempt is one the record asked to fail.
bool should_fail(Probe const& probe, Steering const& steering, kfn::CloudEvent const& event, kfn::Context& ctx) {
  if (steering.fail_times <= 0) return false;
  auto replies = ctx.redis().pipeline(
      {{"INCR", probe.prefix + ":attempts:" + event.id},
       {"RPUSH", probe.prefix + ":attempt_ms:" + event.id, std::to_string(wall_ms(ctx))},
       {"RPUSH", probe.prefix + ":timeline", "attempt:" + event.key.value_or("-") + ":" + steering.seq}});
  return replies.at(0).integer <= steering.fail_times;
}

std::int64_t seq_number(std::string const& seq) {
  try {
    return std::stoll(seq);
  } catch (std::exception const&) {
    return -1;
  }
}

void record_effect(Probe const& probe, Steering const& steering, kfn::CloudEvent const& event, kfn::Context& ctx) {
  auto key = event.key.value_or("-");
  if (probe.use_database) {
    auto tx = ctx.db().begin();
    if (tx->first_delivery(event.id)) {
      tx->execute("INSERT INTO probe_effects (event_id, record_key, seq) VALUES (?, ?, ?)",
                  {event.id, key, seq_number(steering.seq)});
    }
    tx->commit();
  }
  ctx.redis().pipeline({{"RPUSH", probe.prefix + ":seen:" + key, steering.seq},
                        {"RPUSH", probe.prefix + ":timeline", "done:" + key + ":" + steering.seq},
                        {"INCR", probe.prefix + ":handled"}});
}

kfn::EventResult handle(Probe& probe, kfn::CloudEvent const& event, kfn::Context& ctx) {
  auto steering = read_steering(event);
  if (should_fail(probe, steering, event, ctx)) return kfn::EventResult::retry("asked to fail");
  if (steering.permanent) return kfn::EventResult::permanent("asked to give up");
  int now_running = ++probe.running;
  struct Leave {
    std::atomic<int>& running;
    ~Leave() { --running; }
  } leave{probe.running};
  ctx.redis().command({"RPUSH", probe.prefix + ":concurrency", std::to_string(now_running)});
  if (steering.delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(steering.delay_ms));
  record_effect(probe, steering, event, ctx);
  return kfn::EventResult::done();
}

kfn::Function make(kfn::Setup& setup) {
  auto probe = std::make_shared<Probe>();
  probe->prefix = setup.config().get_or("PROBE_PREFIX", "probe");
  probe->use_database = setup.config().get_or("PROBE_DB", "0") == "1";
  return kfn::Function::event(
      [probe](kfn::CloudEvent const& event, kfn::Context& ctx) { return handle(*probe, event, ctx); });
}

}  // namespace

extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
  static constexpr kfn::Entry entry{kfn::kAbiVersion, &make};
  return &entry;
}

// The poll thread: consume, submit, store, commit, pause/resume, and the clean shutdown.
#include "consumer_loop.h"

#include <algorithm>
#include <thread>

#include "cloud_event.h"
#include "group_state.h"
#include "kfn/host/thread_name.h"
#include "message_record.h"
#include "partition_list.h"

namespace kfn::kafka {
namespace {

constexpr int kMaxBatch = 256;     // records handed to the scheduler under one lock
constexpr int kIdlePollMs = 100;   // poll timeout when nothing waits for the poll thread
constexpr int kPausedPollMs = 10;  // ...while a partition waits to be resumed
constexpr int kBacklogPollMs = 1;  // ...while records wait for a worker (see help_if_stuck)
constexpr auto kRunReadyBudget = std::chrono::microseconds(500);
constexpr auto kReleaseInterval = std::chrono::milliseconds(5);
constexpr auto kGaugeInterval = std::chrono::seconds(1);
constexpr auto kCommitAnswerTimeout = std::chrono::seconds(30);  // then assume the answer was lost

}  // namespace

ConsumerLoop::ConsumerLoop(Properties const& properties, ConsumerSettings settings, Scheduler& scheduler,
                           FunctionMetrics& metrics, kfn::Logger& log)
    : settings_(std::move(settings)), scheduler_(scheduler), metrics_(metrics), log_(log) {
  batch_.resize(kMaxBatch);
  auto conf = make_conf(properties);
  install_callbacks(conf.get());
  char error[512];
  consumer_.reset(rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), error, sizeof error));
  if (!consumer_) throw KafkaException(KafkaError::from_code(RD_KAFKA_RESP_ERR__INVALID_ARG, error));
  conf.release();  // rd_kafka_new owns it on success
  rd_kafka_poll_set_consumer(consumer_.get());
  commit_queue_.reset(rd_kafka_queue_new(consumer_.get()));
  PartitionListHandle topics(rd_kafka_topic_partition_list_new(static_cast<int>(settings_.topics.size())));
  for (auto const& topic : settings_.topics) {
    rd_kafka_topic_partition_list_add(topics.get(), topic.c_str(), RD_KAFKA_PARTITION_UA);
  }
  if (auto code = rd_kafka_subscribe(consumer_.get(), topics.get()); code != RD_KAFKA_RESP_ERR_NO_ERROR) {
    commit_queue_.reset();
    rd_kafka_consumer_close(consumer_.get());
    throw KafkaException(KafkaError::from_code(code, "subscribing " + settings_.function));
  }
}

ConsumerLoop::~ConsumerLoop() {
  if (thread_.joinable()) {
    request_stop(Clock::now());
    join();
  } else if (consumer_) {
    commit_queue_.reset();
    rd_kafka_consumer_close(consumer_.get());  // never started: leave the group before destroying
  }
}

void ConsumerLoop::start() {
  thread_ = std::thread([this] { run(); });
  if (settings_.run_record) watchdog_ = std::thread([this] { watch(); });
}

void ConsumerLoop::request_stop(Clock::time_point deadline) {
  stop_deadline_ = deadline.time_since_epoch().count();
  stop_requested_ = true;
}

void ConsumerLoop::join() {
  if (thread_.joinable()) thread_.join();
  stop_watching();
}

void ConsumerLoop::run() {
  kfn::host::name_this_thread("kfn-kafka-poll");
  std::unique_lock role(poll_role_);
  while (!stop_requested_) {
    bool const run_here = settings_.run_record && run_here_gate_.open();
    if (auto work = consume_batch(backlog_      ? kBacklogPollMs
                                  : any_paused_ ? kPausedPollMs
                                                : kIdlePollMs,
                                  run_here)) {
      role.unlock();  // a handler that takes long lets the watchdog poll meanwhile
      run_ready(std::move(work));
      role.lock();
    }
    housekeeping(Clock::now());
  }
  drain_and_close();
}

// The batch's records are assigned over, never made anew: after submit() they hold recycled buffers.
WorkPtr ConsumerLoop::consume_batch(int timeout_ms, bool run_here) {
  std::size_t count = 0;
  for (int i = 0; i < kMaxBatch; ++i) {
    MessageHandle message(rd_kafka_consumer_poll(consumer_.get(), i == 0 ? timeout_ms : 0));
    if (!message) break;
    if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      warn_throttled("kafka consumer error",
                     KafkaError::from_code(message->err, rd_kafka_message_errstr(message.get())));
      continue;
    }
    auto& record = batch_[count++];
    assign_record(record, *message);
    record.skip = settings_.handles_type && !settings_.handles_type(cloud_event_type_of(record.headers));
  }
  // Once stopping, records are left for the next owner: nothing past them is done, so nothing is lost.
  if (stop_requested_) return nullptr;
  std::span<Record> const records(batch_.data(), count);
  if (run_here) return scheduler_.submit_and_take(records);
  if (count > 0) scheduler_.submit(records);
  return nullptr;
}

// Handing a record to another thread costs more than a quick handler, so the poll thread runs what
// is ready itself for up to kRunReadyBudget before it polls again; workers are woken only for what
// it cannot keep up with (the census counts it as one of them). Called without the poll role.
void ConsumerLoop::run_ready(WorkPtr work) {
  auto const until = work->started_at + kRunReadyBudget;
  started_running_here(work->started_at);
  for (;;) {
    auto const completion = settings_.run_record(work);
    auto const now = Clock::now();
    run_here_gate_.ran(now - work->started_at);
    work = scheduler_.help(work, completion, now < until);
    if (!work) break;
    // The watchdog goes idle only once it sees 0, so only the first record needs the handshake of
    // started_running_here(); the records after it just move the time it watches.
    running_here_since_.store(work->started_at.time_since_epoch().count(), std::memory_order_relaxed);
  }
  running_here_since_.store(0);
}

void ConsumerLoop::housekeeping(Clock::time_point now) {
  backlog_ = scheduler_.help_if_stuck();
  if (now >= next_release_) {
    scheduler_.release_finished();
    next_release_ = now + kReleaseInterval;
  }
  if (auto points = scheduler_.take_commit_points(); !points.empty()) store(points);
  apply_flow_control();
  rd_kafka_queue_poll_callback(commit_queue_.get(), 0);
  if (now >= next_gauges_) {
    update_gauges();
    next_gauges_ = now + kGaugeInterval;
  }
}

void ConsumerLoop::store(std::vector<CommitPoint> const& points) {
  auto list = to_list(points);
  // Partitions revoked meanwhile fail with _STATE: their offsets were committed when they went.
  rd_kafka_offsets_store(consumer_.get(), list.get());
  stored_since_commit_ = true;
}

void ConsumerLoop::commit_stored_async(Clock::time_point now) {
  if (commit_started_ && now - *commit_started_ < kCommitAnswerTimeout) return;  // one at a time
  if (!stored_since_commit_) return;
  stored_since_commit_ = false;
  commit_started_ = now;
  auto code =
      rd_kafka_commit_queue(consumer_.get(), nullptr, commit_queue_.get(), &ConsumerLoop::on_commit_cb, this);
  if (code != RD_KAFKA_RESP_ERR_NO_ERROR) on_commit_cb(consumer_.get(), code, nullptr, this);
}

// Statistics come every commit interval: the moment to commit, if the group is steady. Committing
// while it rejoins would lose the whole assignment (see group_state.h).
void ConsumerLoop::on_statistics(std::string_view json) {
  auto group = group_state_from_stats(json);
  if (group && group->steady()) commit_stored_async(Clock::now());
}

int ConsumerLoop::on_stats_cb(rd_kafka_t*, char* json, std::size_t length, void* opaque) {
  static_cast<ConsumerLoop*>(opaque)->on_statistics(std::string_view(json, length));
  return 0;  // librdkafka frees the document
}

void ConsumerLoop::on_commit_cb(rd_kafka_t*, rd_kafka_resp_err_t code, rd_kafka_topic_partition_list_t*,
                                void* opaque) {
  auto* self = static_cast<ConsumerLoop*>(opaque);
  if (self->commit_started_) {
    self->metrics_.commit_latency.observe(
        std::chrono::duration<double>(Clock::now() - *self->commit_started_).count());
    self->commit_started_.reset();
  }
  if (code == RD_KAFKA_RESP_ERR_NO_ERROR || code == RD_KAFKA_RESP_ERR__NO_OFFSET) return;
  self->metrics_.commit_failures.add();
  self->stored_since_commit_ = true;  // committed again at the next interval
  self->warn_throttled("offset commit failed", KafkaError::from_code(code));
}

// Before partitions go, a failed commit means their finished records run again on the next owner, so
// a retryable failure (a coordinator busy with the rebalance, a request timing out) is tried again a
// few times; the wait stays bounded because the rebalance waits for this callback.
void ConsumerLoop::commit_now(std::vector<CommitPoint> const& points) {
  if (points.empty()) return;
  constexpr int kAttempts = 5;
  constexpr auto kFirstPause = std::chrono::milliseconds(50);
  auto list = to_list(points);
  rd_kafka_resp_err_t code = RD_KAFKA_RESP_ERR_NO_ERROR;
  auto pause = kFirstPause;
  for (int attempt = 1; attempt <= kAttempts; ++attempt) {
    auto const started = Clock::now();
    code = rd_kafka_commit(consumer_.get(), list.get(), 0);
    metrics_.commit_latency.observe(std::chrono::duration<double>(Clock::now() - started).count());
    if (code == RD_KAFKA_RESP_ERR_NO_ERROR || code == RD_KAFKA_RESP_ERR__NO_OFFSET) return;
    if (!KafkaError::from_code(code).retryable || attempt == kAttempts) break;
    std::this_thread::sleep_for(pause);  // backoff between commit attempts, not synchronisation
    pause *= 2;
  }
  metrics_.commit_failures.add();
  auto error = KafkaError::from_code(code);
  log_.warn("offset commit failed; records after it may be delivered again",
            {{"function", settings_.function},
             {"partitions", describe(ids_of(*list))},
             {"error", error.describe()}});
}

void ConsumerLoop::apply_flow_control() {
  std::vector<PartitionId> to_pause;
  std::vector<PartitionId> to_resume;
  any_paused_ = false;
  for (auto& [id, flow] : assigned_) {
    switch (flow.update(scheduler_.in_flight(id))) {
      case FlowControl::Action::kPause:
        to_pause.push_back(id);
        break;
      case FlowControl::Action::kResume:
        to_resume.push_back(id);
        break;
      case FlowControl::Action::kNone:
        break;
    }
    any_paused_ = any_paused_ || flow.paused();
  }
  if (!to_pause.empty()) {
    rd_kafka_pause_partitions(consumer_.get(), to_list(to_pause).get());
    for (auto const& id : to_pause) metrics_.partition(id).pauses.add();
  }
  if (!to_resume.empty()) rd_kafka_resume_partitions(consumer_.get(), to_list(to_resume).get());
}

void ConsumerLoop::update_gauges() {
  metrics_.assigned_partitions.set(static_cast<double>(assigned_.size()));
  for (auto const& [id, flow] : assigned_) {
    auto& series = metrics_.partition(id);
    auto const in_flight = static_cast<std::int64_t>(scheduler_.in_flight(id));
    series.in_flight.set(static_cast<double>(in_flight));
    std::int64_t low = -1;
    std::int64_t high = -1;
    rd_kafka_get_watermark_offsets(consumer_.get(), id.topic.c_str(), id.partition, &low, &high);
    std::int64_t done_up_to = scheduler_.committable(id).value_or(-1);
    if (done_up_to < 0) {
      // Nothing finished yet: count from the first record received.
      auto position = to_list(std::vector<PartitionId>{id});
      rd_kafka_position(consumer_.get(), position.get());
      if (position->elems[0].offset >= 0) done_up_to = position->elems[0].offset - in_flight;
    }
    if (high >= 0 && done_up_to >= 0)
      series.lag.set(static_cast<double>(std::max<std::int64_t>(0, high - done_up_to)));
  }
}

void ConsumerLoop::warn_throttled(std::string const& what, KafkaError const& error) {
  if (!throttle_.allow(what + error.name(), Clock::now())) return;
  log_.warn(what,
            {{"function", settings_.function}, {"error", error.describe()}, {"retryable", error.retryable}});
}

}  // namespace kfn::kafka

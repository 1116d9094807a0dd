// One function's librdkafka consumer and the thread that polls it: hands records to the scheduler,
// runs quick ones itself, stores and commits the done watermark, pauses partitions with too much in
// flight, and drains revoked partitions before giving them up. Every call on the consumer is made by
// the holder of the poll role: the poll thread, or the watchdog standing in while the poll thread is
// held up in a handler (poll_watchdog.cpp).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "client_config.h"
#include "flow_control.h"
#include "holders.h"
#include "kafka_error.h"
#include "kfn/log.h"
#include "log_throttle.h"
#include "partition_metrics.h"
#include "run_here_gate.h"
#include "scheduler.h"

namespace kfn::kafka {

struct ConsumerSettings {
  std::string function;
  std::vector<std::string> topics;
  std::size_t max_in_flight_per_partition = 1000;
  std::chrono::milliseconds revoke_drain_timeout{10'000};
  // Whether the function handles a CloudEvent type (KafkaTrigger::event_types); empty: every type.
  std::function<bool(std::string_view type)> handles_type;
  // Runs one record as a worker would (WorkerPool::run_one). When set, the poll thread runs ready
  // records itself between polls instead of only handing them over (see ConsumerLoop::run_ready).
  std::function<Completion(WorkPtr const&)> run_record;
  // How long the poll thread may stay in one handler before the watchdog polls in its place.
  std::chrono::milliseconds stand_in_after{5};
};

// start(), request_stop() and join() from one owning thread; the scheduler, metrics and log must
// outlive join(). The scheduler is not stopped here: its owner stops it after join().
class ConsumerLoop {
 public:
  using Clock = std::chrono::steady_clock;

  // Creates the consumer and subscribes. Throws std::invalid_argument / KafkaException.
  ConsumerLoop(Properties const& properties, ConsumerSettings settings, Scheduler& scheduler,
               FunctionMetrics& metrics, kfn::Logger& log);
  ~ConsumerLoop();  // request_stop(now) and join() if still running
  ConsumerLoop(ConsumerLoop const&) = delete;
  ConsumerLoop& operator=(ConsumerLoop const&) = delete;

  void start();
  // Stop taking records; in-flight ones get until `deadline`, then what is done is committed and
  // the consumer leaves its group. Returns at once; join() waits for it.
  void request_stop(Clock::time_point deadline);
  void join();

 private:
  // consumer_loop.cpp: the poll thread. consume_batch() returns the first record the caller is to
  // run itself (run_ready), if `run_here`.
  void run();
  WorkPtr consume_batch(int timeout_ms, bool run_here);
  void run_ready(WorkPtr work);
  void housekeeping(Clock::time_point now);
  void store(std::vector<CommitPoint> const& points);
  void commit_stored_async(Clock::time_point now);
  void on_statistics(std::string_view json);
  void commit_now(std::vector<CommitPoint> const& points);
  void apply_flow_control();
  void update_gauges();
  void drain_and_close();
  void pause_assignment();
  void warn_throttled(std::string const& what, KafkaError const& error);

  // poll_watchdog.cpp: polling while the poll thread is held up in a handler.
  void watch();
  void stand_in(Clock::rep held_up_since);
  void started_running_here(Clock::time_point started);
  void stop_watching();

  // rebalance.cpp: partitions coming and going.
  void on_rebalance(rd_kafka_resp_err_t event, rd_kafka_topic_partition_list_t* partitions);
  void assign(rd_kafka_topic_partition_list_t* partitions, bool cooperative);
  void revoke(rd_kafka_topic_partition_list_t* partitions, bool cooperative);
  void install_callbacks(rd_kafka_conf_t* conf);
  static void on_rebalance_cb(rd_kafka_t* consumer, rd_kafka_resp_err_t event,
                              rd_kafka_topic_partition_list_t* partitions, void* opaque);
  static void on_error_cb(rd_kafka_t* consumer, int code, char const* reason, void* opaque);
  static void on_log_cb(rd_kafka_t const* consumer, int level, char const* facility, char const* message);
  static int on_stats_cb(rd_kafka_t* consumer, char* json, std::size_t length, void* opaque);
  static void on_commit_cb(rd_kafka_t* consumer, rd_kafka_resp_err_t code,
                           rd_kafka_topic_partition_list_t* offsets, void* opaque);

  ConsumerSettings const settings_;
  Scheduler& scheduler_;
  FunctionMetrics& metrics_;
  kfn::Logger& log_;
  ClientHandle consumer_;
  QueueHandle commit_queue_;  // async commit results, served by the poll thread
  std::thread thread_;
  std::atomic<bool> stop_requested_{false};

  // The poll role: held by whichever thread calls the consumer and touches the state below it.
  std::mutex poll_role_;
  std::thread watchdog_;
  // When the record the poll thread is running started (steady clock ticks); 0 while it runs none.
  std::atomic<Clock::rep> running_here_since_{0};
  std::atomic<bool> watchdog_idle_{false};  // waiting without a timeout: notify it (see watch)
  std::mutex watch_mutex_;
  std::condition_variable watch_wakeup_;
  bool watch_stopped_ = false;  // under watch_mutex_
  std::atomic<Clock::rep> stop_deadline_{0};

  RunHereGate run_here_gate_;  // the poll thread's only

  // The poll role's holder only.
  std::vector<Record> batch_;  // kMaxBatch records, refilled by every poll (see consume_batch)
  std::map<PartitionId, FlowControl> assigned_;
  bool any_paused_ = false;
  bool backlog_ = false;  // records wait and a sleeping worker could take them: look again soon
  bool stored_since_commit_ = false;
  std::optional<Clock::time_point> commit_started_;
  Clock::time_point next_gauges_{};
  Clock::time_point next_release_{};
  LogThrottle throttle_{std::chrono::seconds(10)};
};

}  // namespace kfn::kafka

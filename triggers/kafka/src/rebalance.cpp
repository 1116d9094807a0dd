// Partitions coming and going: cooperative (incremental) assignment, draining revoked partitions
// before they go, and the clean leave on shutdown.
#include <cstring>
#include <exception>

#include "consumer_loop.h"
#include "partition_list.h"

namespace kfn::kafka {
namespace {

using Clock = ConsumerLoop::Clock;

constexpr auto kDrainPoll = std::chrono::milliseconds(50);

Clock::time_point earliest(Clock::time_point a, Clock::time_point b) { return a < b ? a : b; }

}  // namespace

void ConsumerLoop::install_callbacks(rd_kafka_conf_t* conf) {
  rd_kafka_conf_set_opaque(conf, this);
  rd_kafka_conf_set_rebalance_cb(conf, &ConsumerLoop::on_rebalance_cb);
  rd_kafka_conf_set_error_cb(conf, &ConsumerLoop::on_error_cb);
  rd_kafka_conf_set_log_cb(conf, &ConsumerLoop::on_log_cb);
  rd_kafka_conf_set_stats_cb(conf, &ConsumerLoop::on_stats_cb);
}

void ConsumerLoop::on_rebalance_cb(rd_kafka_t*, rd_kafka_resp_err_t event,
                                   rd_kafka_topic_partition_list_t* partitions, void* opaque) {
  auto* self = static_cast<ConsumerLoop*>(opaque);
  try {
    self->on_rebalance(event, partitions);
  } catch (std::exception const& e) {  // never let an exception unwind through librdkafka
    self->log_.error("kafka rebalance failed", {{"function", self->settings_.function}, {"error", e.what()}});
  }
}

void ConsumerLoop::on_error_cb(rd_kafka_t*, int code, char const* reason, void* opaque) {
  auto* self = static_cast<ConsumerLoop*>(opaque);
  auto error = KafkaError::from_code(static_cast<rd_kafka_resp_err_t>(code), reason);
  if (error.fatal) {
    self->log_.error("kafka consumer failed fatally", {{"function", self->settings_.function}, {"error", reason}});
    return;
  }
  self->warn_throttled("kafka consumer error", error);
}

void ConsumerLoop::on_log_cb(rd_kafka_t const* consumer, int level, char const* facility, char const* message) {
  auto* self = static_cast<ConsumerLoop*>(rd_kafka_opaque(consumer));
  forward_client_log(self->log_, level, facility, message);
}

void ConsumerLoop::on_rebalance(rd_kafka_resp_err_t event, rd_kafka_topic_partition_list_t* partitions) {
  bool const cooperative = std::strcmp(rd_kafka_rebalance_protocol(consumer_.get()), "COOPERATIVE") == 0;
  if (event == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
    assign(partitions, cooperative);
  } else if (event == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS) {
    revoke(partitions, cooperative);
  } else {
    log_.error("kafka rebalance error", {{"function", settings_.function}, {"error", rd_kafka_err2str(event)}});
    rd_kafka_assign(consumer_.get(), nullptr);
  }
}

void ConsumerLoop::assign(rd_kafka_topic_partition_list_t* partitions, bool cooperative) {
  auto ids = ids_of(*partitions);
  for (auto const& id : ids) {
    scheduler_.add_partition(id, &metrics_.partition(id));
    assigned_.try_emplace(id, FlowControl(settings_.max_in_flight_per_partition));
  }
  auto error = cooperative ? KafkaError::from_error(rd_kafka_incremental_assign(consumer_.get(), partitions))
                           : KafkaError::from_code(rd_kafka_assign(consumer_.get(), partitions));
  if (!error.ok()) {
    log_.error("assigning partitions failed", {{"function", settings_.function}, {"error", error.describe()}});
  }
  if (stop_requested_ && partitions->cnt > 0) rd_kafka_pause_partitions(consumer_.get(), partitions);
  metrics_.assigned_partitions.set(static_cast<double>(assigned_.size()));
  if (!ids.empty()) log_.info("partitions assigned", {{"function", settings_.function}, {"partitions", describe(ids)}});
}

// In-flight records of the revoked partitions finish (bounded), their watermark is committed
// synchronously, and only then are the partitions let go, so the next owner starts right after the
// last record handled here. A lost assignment commits nothing: another member may own them already.
void ConsumerLoop::revoke(rd_kafka_topic_partition_list_t* partitions, bool cooperative) {
  auto ids = ids_of(*partitions);
  bool const lost = rd_kafka_assignment_lost(consumer_.get()) != 0;
  if (!lost) {
    auto deadline = Clock::now() + settings_.revoke_drain_timeout;
    if (stop_requested_) deadline = earliest(deadline, Clock::time_point(Clock::duration(stop_deadline_.load())));
    if (!scheduler_.wait_until_settled(ids, deadline)) {
      log_.warn("revoked partitions still had records running; they will be delivered again",
                {{"function", settings_.function}, {"partitions", describe(ids)}});
    }
  }
  auto points = scheduler_.remove_partitions(ids);
  if (!lost) commit_now(points);
  std::vector<PartitionId> paused;
  for (auto const& id : ids) {
    auto it = assigned_.find(id);
    if (it == assigned_.end()) continue;
    if (it->second.paused()) paused.push_back(id);
    assigned_.erase(it);
    metrics_.partition(id).in_flight.set(0);
  }
  if (!paused.empty()) rd_kafka_resume_partitions(consumer_.get(), to_list(paused).get());
  auto error = cooperative ? KafkaError::from_error(rd_kafka_incremental_unassign(consumer_.get(), partitions))
                           : KafkaError::from_code(rd_kafka_assign(consumer_.get(), nullptr));
  if (!error.ok()) {
    log_.error("unassigning partitions failed", {{"function", settings_.function}, {"error", error.describe()}});
  }
  metrics_.assigned_partitions.set(static_cast<double>(assigned_.size()));
  if (!ids.empty()) {
    log_.info("partitions revoked", {{"function", settings_.function}, {"partitions", describe(ids)}, {"lost", lost}});
  }
}

// The list librdkafka returns holds references to its partitions: it must be gone before the
// consumer is destroyed, or destroying it waits for them forever.
void ConsumerLoop::pause_assignment() {
  rd_kafka_topic_partition_list_t* raw = nullptr;
  if (rd_kafka_assignment(consumer_.get(), &raw) != RD_KAFKA_RESP_ERR_NO_ERROR) return;
  PartitionListHandle assignment(raw);
  if (assignment->cnt > 0) rd_kafka_pause_partitions(consumer_.get(), assignment.get());
}

// Stop fetching, let in-flight records finish until the deadline (still serving callbacks), commit
// what is done, then leave the group: the revoke that close() triggers finds nothing left to wait for.
void ConsumerLoop::drain_and_close() {
  auto const deadline = Clock::time_point(Clock::duration(stop_deadline_.load()));
  pause_assignment();
  while (!scheduler_.wait_until_settled(scheduler_.partitions(), earliest(deadline, Clock::now() + kDrainPoll)) &&
         Clock::now() < deadline) {
    consume_batch(0, false);  // serves callbacks; records are left for the next owner
    if (auto points = scheduler_.take_commit_points(); !points.empty()) store(points);
  }
  std::vector<CommitPoint> final_points;
  for (auto const& id : scheduler_.partitions()) {
    if (auto offset = scheduler_.committable(id)) final_points.push_back({id, *offset});
  }
  commit_now(final_points);
  commit_queue_.reset();
  if (auto code = rd_kafka_consumer_close(consumer_.get()); code != RD_KAFKA_RESP_ERR_NO_ERROR) {
    log_.warn("closing the kafka consumer failed", {{"function", settings_.function}, {"error", rd_kafka_err2str(code)}});
  }
  consumer_.reset();
  log_.info("kafka consumer closed", {{"function", settings_.function}});
}

}  // namespace kfn::kafka

// Moves one schema's outbox rows to Kafka. Right after a transaction commits its rows are produced in
// id order and deleted once delivered; a sweeper republishes rows a crash left behind.
//
// Order: a transaction reserves its place while it still holds its row locks (just before COMMIT),
// and rows are produced in reservation order, so two transactions that serialize on the same row
// produce in commit order. Rows queued in the producer are claimed, so the sweeper never produces
// them a second time; across processes, only the holder of a MySQL named lock sweeps.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "kafka_producer.h"
#include "kfn/log.h"
#include "mysql_connection.h"
#include "outbox_store.h"

namespace kfn::host {

struct OutboxRelaySettings {
  std::chrono::milliseconds sweep_interval{2'000};
  std::chrono::milliseconds sweep_age{5'000};  // rows older than this are republished
  std::size_t sweep_batch = 500;
  // Delivered rows wait up to this long for company before they are deleted, so a busy outbox pays
  // one statement and one commit per kOutboxDeleteBatch rows rather than one per delivery report.
  std::chrono::milliseconds delete_gather{20};
};

// Thread-safe. Must outlive the producer's delivery callbacks: close the producer before destroying it.
class OutboxRelay {
 public:
  using Ticket = std::uint64_t;

  // `mysql` names the schema; the relay keeps one connection of its own for sweeping and deleting.
  OutboxRelay(MysqlSettings mysql, KafkaProducer& producer, OutboxRelaySettings settings, Logger& log);
  ~OutboxRelay();
  OutboxRelay(OutboxRelay const&) = delete;
  OutboxRelay& operator=(OutboxRelay const&) = delete;

  // Just before COMMIT, with the transaction's locks still held: fixes the rows' place in line.
  Ticket reserve(std::vector<std::int64_t> const& ids);
  // After COMMIT succeeded: the rows are produced once every earlier ticket is settled.
  void committed(Ticket ticket, std::vector<OutboxRow> rows);
  // COMMIT failed or its outcome is unknown: nothing is produced now; the sweeper finds whatever was
  // committed after all.
  void abandoned(Ticket ticket);

  // Stops the sweeper after deleting what was delivered. Idempotent.
  void stop();
  // Rows in the outbox table at the last sweep; -1 before the first.
  [[nodiscard]] std::int64_t backlog() const { return backlog_.load(std::memory_order_relaxed); }
  [[nodiscard]] std::string const& schema() const { return mysql_.schema; }

  // Test seam: while set, committed rows are not produced, as if the process died right after COMMIT.
  void simulate_crash_after_commit(bool enabled) { crash_after_commit_.store(enabled); }

 private:
  enum class State { kPending, kCommitted, kAbandoned };
  struct Handoff {
    Ticket ticket = 0;
    State state = State::kPending;
    std::vector<std::int64_t> ids;
    std::vector<OutboxRow> rows;
  };

  void settle(Ticket ticket, State state, std::vector<OutboxRow> rows);
  void produce_settled();
  void produce_rows(std::vector<OutboxRow> const& rows);
  void on_delivered(std::int64_t id, std::optional<KafkaError> const& error);
  void release(std::vector<std::int64_t> const& ids);
  void run();
  void work_once(std::unique_ptr<MysqlConnection>& connection, bool sweep_due);
  void delete_delivered(MysqlConnection& connection);
  void sweep(MysqlConnection& connection);
  bool hold_sweep_lock(MysqlConnection& connection);

  MysqlSettings const mysql_;
  KafkaProducer& producer_;
  OutboxRelaySettings const settings_;
  Logger& log_;
  std::atomic<bool> crash_after_commit_{false};
  std::atomic<std::int64_t> backlog_{-1};

  std::mutex mutex_;  // guards everything below it
  std::condition_variable wake_;
  std::deque<Handoff> line_;  // tickets in reservation order
  Ticket next_ticket_ = 1;
  std::unordered_set<std::int64_t> claimed_;  // queued in the producer or awaiting delete
  std::vector<std::int64_t> delivered_;       // to delete
  bool stopping_ = false;

  std::mutex producing_;  // one thread produces settled handoffs at a time, in line order

  // Used by the worker thread only.
  bool holds_sweep_lock_ = false;
  bool failing_ = false;
  std::thread worker_;
};

}  // namespace kfn::host

// The relay's three paths: the handoff line after COMMIT, delivery reports (on the producer's poll
// thread: never touch MySQL there), and the worker thread that deletes delivered rows and sweeps.
#include "outbox_relay.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "kfn/errors.h"
#include "kfn/host/thread_name.h"

namespace kfn::host {

OutboxRelay::OutboxRelay(MysqlSettings mysql, KafkaProducer& producer, OutboxRelaySettings settings,
                         Logger& log)
    : mysql_(std::move(mysql)), producer_(producer), settings_(settings), log_(log) {
  worker_ = std::thread([this] { run(); });
}

OutboxRelay::~OutboxRelay() { stop(); }

OutboxRelay::Ticket OutboxRelay::reserve(std::vector<std::int64_t> const& ids) {
  std::lock_guard lock(mutex_);
  Ticket const ticket = next_ticket_++;
  line_.push_back(Handoff{ticket, State::kPending, ids, {}});
  claimed_.insert(ids.begin(), ids.end());
  return ticket;
}

void OutboxRelay::committed(Ticket ticket, std::vector<OutboxRow> rows) {
  settle(ticket, State::kCommitted, std::move(rows));
}

void OutboxRelay::abandoned(Ticket ticket) { settle(ticket, State::kAbandoned, {}); }

void OutboxRelay::settle(Ticket ticket, State state, std::vector<OutboxRow> rows) {
  {
    std::lock_guard lock(mutex_);
    if (line_.empty() || ticket < line_.front().ticket)
      throw std::logic_error("outbox: ticket settled twice");
    // Tickets are consecutive and leave only from the front, so the offset finds this one.
    auto& handoff = line_.at(ticket - line_.front().ticket);
    handoff.state = state;
    handoff.rows = std::move(rows);
  }
  produce_settled();
}

void OutboxRelay::produce_settled() {
  std::lock_guard producing(producing_);
  for (;;) {
    std::vector<Handoff> ready;
    {
      std::lock_guard lock(mutex_);
      while (!line_.empty() && line_.front().state != State::kPending) {
        ready.push_back(std::move(line_.front()));
        line_.pop_front();
      }
    }
    if (ready.empty()) return;
    for (auto const& handoff : ready) {
      if (handoff.state == State::kAbandoned || crash_after_commit_.load()) {
        release(handoff.ids);  // the sweeper's now, if they were committed at all
      } else {
        produce_rows(handoff.rows);
      }
    }
  }
}

void OutboxRelay::produce_rows(std::vector<OutboxRow> const& rows) {
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto const id = rows[i].id;
    try {
      producer_.produce(rows[i].record,
                        [this, id](std::optional<KafkaError> const& error) { on_delivered(id, error); });
    } catch (Unavailable const& e) {
      // Kafka is overloaded or down: leave this row and the rest to the sweeper, in order.
      std::vector<std::int64_t> rest;
      for (std::size_t j = i; j < rows.size(); ++j) rest.push_back(rows[j].id);
      release(rest);
      log_.warn("outbox: relay deferred to the sweeper",
                {{"schema", schema()}, {"rows", rest.size()}, {"error", e.what()}});
      return;
    } catch (std::exception const& e) {
      release({id});
      log_.error("outbox: Kafka refuses a row; it stays in kfn_outbox",
                 {{"schema", schema()}, {"id", id}, {"topic", rows[i].record.topic}, {"error", e.what()}});
    }
  }
}

void OutboxRelay::on_delivered(std::int64_t id, std::optional<KafkaError> const& error) {
  if (error) {
    release({id});
    log_.warn("outbox: delivery failed; the sweeper will retry",
              {{"schema", schema()}, {"id", id}, {"error", error->message}});
    return;
  }
  std::lock_guard lock(mutex_);
  delivered_.push_back(id);
  // The worker waits for the first row, then for a full statement's worth (or delete_gather).
  if (delivered_.size() == 1 || delivered_.size() == kOutboxDeleteBatch) wake_.notify_one();
}

void OutboxRelay::release(std::vector<std::int64_t> const& ids) {
  std::lock_guard lock(mutex_);
  for (auto id : ids) claimed_.erase(id);
}

void OutboxRelay::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (worker_.joinable()) worker_.join();
}

void OutboxRelay::run() {
  kfn::host::name_this_thread("kfn-outbox");
  std::unique_ptr<MysqlConnection> connection;
  // The first sweep runs at once: rows a crash left behind are older than sweep_age already.
  auto next_sweep = std::chrono::steady_clock::now();
  bool deletes_failed = false;
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait_until(lock, next_sweep, [&] { return stopping_ || (!delivered_.empty() && !deletes_failed); });
    if (!delivered_.empty() && !deletes_failed) {
      auto const gathered_by =
          std::min(next_sweep, std::chrono::steady_clock::now() + settings_.delete_gather);
      wake_.wait_until(lock, gathered_by,
                       [&] { return stopping_ || delivered_.size() >= kOutboxDeleteBatch; });
    }
    bool const stopping = stopping_;
    bool const sweep_due = !stopping && std::chrono::steady_clock::now() >= next_sweep;
    lock.unlock();
    work_once(connection, sweep_due);
    deletes_failed = failing_;
    if (sweep_due) next_sweep = std::chrono::steady_clock::now() + settings_.sweep_interval;
    lock.lock();
    if (stopping) return;
  }
}

void OutboxRelay::work_once(std::unique_ptr<MysqlConnection>& connection, bool sweep_due) {
  try {
    if (!connection || connection->broken()) {
      connection.reset();
      holds_sweep_lock_ = false;  // a named lock dies with its connection
      connection = std::make_unique<MysqlConnection>(mysql_);
    }
    delete_delivered(*connection);
    if (sweep_due) sweep(*connection);
    if (failing_) log_.info("outbox: relay recovered", {{"schema", schema()}});
    failing_ = false;
  } catch (std::exception const& e) {
    // One line when it starts failing, not one per tick.
    if (!failing_) log_.warn("outbox: relay failing", {{"schema", schema()}, {"error", e.what()}});
    failing_ = true;
  }
}

void OutboxRelay::delete_delivered(MysqlConnection& connection) {
  std::vector<std::int64_t> ids;
  {
    std::lock_guard lock(mutex_);
    ids.swap(delivered_);
  }
  if (ids.empty()) return;
  try {
    delete_outbox_rows(connection, ids);
  } catch (...) {
    std::lock_guard lock(mutex_);
    delivered_.insert(delivered_.end(), ids.begin(), ids.end());
    throw;
  }
  // Claimed until gone from the table, so the sweeper cannot catch a delivered row before its delete.
  release(ids);
}

bool OutboxRelay::hold_sweep_lock(MysqlConnection& connection) {
  if (holds_sweep_lock_) return true;
  // GET_LOCK is re-entrant per connection, so it is taken once and kept while the connection lives.
  auto const result = connection.execute("SELECT GET_LOCK(?, 0)", {outbox_sweep_lock_name(schema())});
  holds_sweep_lock_ = result.rows.at(0).opt_int64(0).value_or(0) == 1;
  return holds_sweep_lock_;
}

void OutboxRelay::sweep(MysqlConnection& connection) {
  backlog_.store(count_outbox_rows(connection), std::memory_order_relaxed);
  if (!hold_sweep_lock(connection)) return;  // another process sweeps this schema
  auto rows = select_outbox_rows_older_than(connection, settings_.sweep_age, settings_.sweep_batch);
  {
    std::lock_guard lock(mutex_);
    std::erase_if(rows, [&](OutboxRow const& row) { return claimed_.contains(row.id); });
    for (auto const& row : rows) claimed_.insert(row.id);
  }
  if (rows.empty()) return;
  log_.info("outbox: republishing rows left behind", {{"schema", schema()}, {"rows", rows.size()}});
  produce_rows(rows);
}

}  // namespace kfn::host

// Transactions on a leased connection. The outbox rows are written in the same transaction as the
// function's changes (all of them at once, just before COMMIT), so both commit or neither does; the
// relay only learns of them after COMMIT.
#include "schema_database.h"

#include <string>
#include <utility>
#include <vector>

#include "kfn/host/kafka_record.h"

namespace kfn::host {
namespace {

class MysqlTransaction final : public Transaction {
 public:
  MysqlTransaction(MysqlPool::Lease lease, OutboxRelay* relay, EventOrigin const& origin,
                   MysqlSchemaDatabase::Clock clock)
      : lease_(std::move(lease)),
        relay_(relay),
        function_name_(origin.function_name),
        traceparent_(origin.traceparent),
        clock_(std::move(clock)) {
    lease_->run("BEGIN");
  }

  ~MysqlTransaction() override {
    if (finished_) return;
    try {
      lease_->run("ROLLBACK");
    } catch (...) {
      // The connection is now broken and leaves the pool; the server rolls back when it drops it.
    }
  }

  SqlResult execute(std::string_view sql, SqlParams const& params) override {
    require_open();
    return lease_->execute(sql, params);
  }

  // Queued, not written: commit() writes the queue in multi-row inserts of power-of-two chunks, so a
  // function that publishes ten events pays two round trips for them (8 + 2), not ten.
  void publish(DomainEvent event) override {
    require_open();
    unwritten_.push_back(to_kafka_record(event, function_name_, traceparent_, clock_()));
  }

  void commit() override {
    require_open();
    write_outbox_rows();
    if (outbox_.empty() || relay_ == nullptr) {
      lease_->run("COMMIT");
      finished_ = true;
      return;
    }
    std::vector<std::int64_t> ids;
    ids.reserve(outbox_.size());
    for (auto const& row : outbox_) ids.push_back(row.id);
    auto const ticket = relay_->reserve(ids);
    try {
      lease_->run("COMMIT");
    } catch (...) {
      relay_->abandoned(ticket);
      throw;
    }
    finished_ = true;
    relay_->committed(ticket, std::move(outbox_));
  }

 private:
  void require_open() const {
    if (finished_) throw std::logic_error("transaction already committed");
  }

  void write_outbox_rows() {
    if (unwritten_.empty()) return;
    auto const ids = insert_outbox_rows(*lease_, unwritten_);
    outbox_.reserve(unwritten_.size());
    for (std::size_t i = 0; i < unwritten_.size(); ++i)
      outbox_.push_back(OutboxRow{ids[i], std::move(unwritten_[i])});
    unwritten_.clear();
  }

  MysqlPool::Lease lease_;
  OutboxRelay* relay_;
  std::string function_name_;  // copied: the origin's views need not outlive the transaction
  std::string traceparent_;
  MysqlSchemaDatabase::Clock clock_;
  std::vector<KafkaRecord> unwritten_;  // published, not yet in kfn_outbox
  std::vector<OutboxRow> outbox_;       // in kfn_outbox, produced after COMMIT
  bool finished_ = false;
};

}  // namespace

MysqlSchemaDatabase::MysqlSchemaDatabase(MysqlPool& pool, OutboxRelay* relay, Clock clock)
    : pool_(pool), relay_(relay), clock_(std::move(clock)) {}

SqlResult MysqlSchemaDatabase::execute(std::string_view sql, SqlParams const& params) {
  return pool_.acquire()->execute(sql, params);
}

std::unique_ptr<Transaction> MysqlSchemaDatabase::begin(EventOrigin const& origin) {
  return std::make_unique<MysqlTransaction>(pool_.acquire(), relay_, origin, clock_);
}

}  // namespace kfn::host

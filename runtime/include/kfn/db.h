// MySQL access for functions: a pool scoped to the function's own schema, server-side prepared
// statements (cached per connection), and transactions that carry the outbox.
// Example: auto rows = ctx.db().execute("SELECT id FROM accounts WHERE email = ?", {email}).rows;
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "kfn/event.h"

namespace kfn {

// A bound parameter or a column value. DATETIME and DECIMAL columns arrive as strings.
using SqlValue = std::variant<std::nullptr_t, std::int64_t, double, std::string>;
using SqlParams = std::vector<SqlValue>;

class Row {
 public:
  Row(std::shared_ptr<std::vector<std::string> const> columns, std::vector<SqlValue> values)
      : columns_(std::move(columns)), values_(std::move(values)) {}

  [[nodiscard]] std::size_t size() const { return values_.size(); }
  [[nodiscard]] bool is_null(std::size_t i) const;
  // Throws std::out_of_range for a bad index or column and std::bad_variant_access for a NULL.
  [[nodiscard]] std::int64_t int64(std::size_t i) const;
  [[nodiscard]] double real(std::size_t i) const;
  [[nodiscard]] std::string const& str(std::size_t i) const;
  [[nodiscard]] std::optional<std::int64_t> opt_int64(std::size_t i) const;
  [[nodiscard]] std::optional<std::string> opt_str(std::size_t i) const;
  [[nodiscard]] std::size_t index(std::string_view column) const;
  [[nodiscard]] SqlValue const& at(std::size_t i) const { return values_.at(i); }

 private:
  std::shared_ptr<std::vector<std::string> const> columns_;
  std::vector<SqlValue> values_;
};

struct SqlResult {
  std::vector<Row> rows;
  std::uint64_t affected_rows = 0;
  std::uint64_t insert_id = 0;
};

// One open transaction on one pooled connection. Rolls back on destruction unless committed.
// Not thread-safe: use it from the invocation that began it.
class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual SqlResult execute(std::string_view sql, SqlParams const& params = {}) = 0;
  // Adds the event to this schema's outbox table as part of this transaction (the rows are written
  // together at commit); it is relayed to Kafka right after commit, in publish order.
  virtual void publish(DomainEvent event) = 0;
  // Several events at once; the same as one publish each, in order.
  virtual void publish_all(std::vector<DomainEvent> events) {
    for (auto& event : events) publish(std::move(event));
  }
  virtual void commit() = 0;

  // Records `event_id` in this schema's kfn_processed_events table as part of this transaction.
  // False when it was already recorded: the event is a redelivery and its effect must be skipped.
  // Committing the effect and the record together is what makes redelivery harmless.
  bool first_delivery(std::string_view event_id) {
    auto result = execute(
        "INSERT IGNORE INTO kfn_processed_events (event_id, processed_at) VALUES (?, UTC_TIMESTAMP(3))",
        {std::string(event_id)});
    return result.affected_rows == 1;
  }
};

// The function's schema. Thread-safe; statements run on a pooled connection.
// Throws kfn::Unavailable when the server cannot be reached, kfn::SqlError when it refuses.
class Database {
 public:
  virtual ~Database() = default;
  // One autocommitted statement.
  virtual SqlResult execute(std::string_view sql, SqlParams const& params = {}) = 0;
  virtual std::unique_ptr<Transaction> begin() = 0;
};

}  // namespace kfn

// Dedupe for a batch of events in one transaction (see Transaction::first_delivery for one event), and
// the reads that let work done before that transaction skip events already handled.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <unordered_set>
#include <vector>

#include "kfn/db.h"
#include "kfn/multi_row_insert.h"

namespace kfn {

// Records every id in this schema's kfn_processed_events table as part of `tx`, in as few statements
// as the outbox's inserts (multi-row chunks). Returns how many were recorded now: event_ids.size()
// when each is a first delivery. Fewer means some were recorded before (or repeat one another) and
// does not say which: roll the transaction back and ask first_delivery() one event at a time.
inline std::size_t first_deliveries(Transaction& tx, std::span<std::string const> event_ids) {
  std::uint64_t recorded = 0;
  insert_rows_in_chunks(
      event_ids.size(), "INSERT IGNORE INTO kfn_processed_events (event_id, processed_at) VALUES ",
      "(?, UTC_TIMESTAMP(3))", 1,
      [&](std::size_t i, SqlParams& params) { params.emplace_back(event_ids[i]); },
      [&](std::string const& sql, SqlParams const& params) {
        auto result = tx.execute(sql, params);
        recorded += result.affected_rows;
        return result;
      });
  return static_cast<std::size_t>(recorded);
}

// Whether a committed transaction recorded `event_id`. A plain read, for what a handler does before
// the transaction that records the event (e.g. publishing what the event alone implies), so a
// redelivery does not repeat it. It does not replace first_delivery, which decides under the lock.
inline bool already_processed(Database& db, std::string const& event_id) {
  return !db.execute("SELECT 1 FROM kfn_processed_events WHERE event_id = ?", {event_id}).rows.empty();
}

// already_processed for many ids at once: element i says whether event_ids[i] was recorded. One
// statement per chunk of ids, in power-of-two chunks of at most 32 so a handful of statement texts
// (and prepared statements) serve any count.
inline std::vector<bool> already_processed(Database& db, std::span<std::string const> event_ids) {
  constexpr std::size_t kLargestChunk = 32;
  std::unordered_set<std::string> recorded;
  std::size_t next = 0;
  while (next < event_ids.size()) {
    std::size_t chunk = kLargestChunk;
    while (chunk > event_ids.size() - next) chunk /= 2;
    std::string sql = "SELECT event_id FROM kfn_processed_events WHERE event_id IN (?";
    SqlParams params{event_ids[next]};
    for (std::size_t i = 1; i < chunk; ++i) {
      sql += ", ?";
      params.emplace_back(event_ids[next + i]);
    }
    sql += ")";
    for (auto const& row : db.execute(sql, params).rows) recorded.insert(row.str(0));
    next += chunk;
  }
  std::vector<bool> seen;
  seen.reserve(event_ids.size());
  for (auto const& id : event_ids) seen.push_back(recorded.contains(id));
  return seen;
}

}  // namespace kfn

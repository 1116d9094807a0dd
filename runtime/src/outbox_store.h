// The SQL of the outbox table (kfn_outbox): rows written inside a function's transaction, read back
// by the sweeper, deleted once Kafka has them. Headers are stored as a JSON array of [name, value].
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "kfn/host/kafka_record.h"
#include "mysql_connection.h"

namespace kfn::host {

// Ids per DELETE statement.
inline constexpr std::size_t kOutboxDeleteBatch = 64;

struct OutboxRow {
  std::int64_t id = 0;
  KafkaRecord record;
};

// Inside the caller's transaction: the rows in a few multi-row statements; their ids, in the order of
// `records`.
std::vector<std::int64_t> insert_outbox_rows(MysqlConnection& connection,
                                             std::vector<KafkaRecord> const& records);
// Rows created more than `age` ago, lowest id first.
std::vector<OutboxRow> select_outbox_rows_older_than(MysqlConnection& connection,
                                                     std::chrono::milliseconds age, std::size_t limit);
void delete_outbox_rows(MysqlConnection& connection, std::vector<std::int64_t> const& ids);
std::int64_t count_outbox_rows(MysqlConnection& connection);

// MySQL named locks are per server, so the name carries the schema.
std::string outbox_sweep_lock_name(std::string const& schema);

}  // namespace kfn::host

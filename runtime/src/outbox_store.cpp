// Outbox SQL. Deletes go in fixed-size batches of kOutboxDeleteBatch ids (short ones padded by
// repeating an id), so a single prepared statement serves every batch.
#include "outbox_store.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "kfn/multi_row_insert.h"

namespace kfn::host {
namespace {

std::string encode_headers(std::vector<std::pair<std::string, std::string>> const& headers) {
  auto pairs = nlohmann::json::array();
  for (auto const& [name, value] : headers) pairs.push_back({name, value});
  return pairs.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::pair<std::string, std::string>> decode_headers(std::string const& text) {
  std::vector<std::pair<std::string, std::string>> headers;
  for (auto const& pair : nlohmann::json::parse(text)) {
    headers.emplace_back(pair.at(0).get<std::string>(), pair.at(1).get<std::string>());
  }
  return headers;
}

std::string delete_statement() {
  std::string sql = "DELETE FROM kfn_outbox WHERE id IN (?";
  for (std::size_t i = 1; i < kOutboxDeleteBatch; ++i) sql += ",?";
  sql += ")";
  return sql;
}

}  // namespace

std::vector<std::int64_t> insert_outbox_rows(MysqlConnection& connection,
                                             std::vector<KafkaRecord> const& records) {
  constexpr std::size_t kParamsPerRow = 4;
  return insert_rows_in_chunks(
      records.size(), "INSERT INTO kfn_outbox (topic, msg_key, value, headers, created_at) VALUES ",
      "(?, ?, ?, ?, UTC_TIMESTAMP(3))", kParamsPerRow,
      [&](std::size_t i, SqlParams& params) {
        auto const& record = records[i];
        params.insert(params.end(), {record.topic, record.key, record.value, encode_headers(record.headers)});
      },
      [&](std::string const& sql, SqlParams const& params) { return connection.execute(sql, params); });
}

std::vector<OutboxRow> select_outbox_rows_older_than(MysqlConnection& connection,
                                                     std::chrono::milliseconds age, std::size_t limit) {
  auto const result = connection.execute(
      "SELECT id, topic, msg_key, value, headers FROM kfn_outbox "
      "WHERE created_at < UTC_TIMESTAMP(3) - INTERVAL ? MICROSECOND ORDER BY id LIMIT ?",
      {static_cast<std::int64_t>(age.count()) * 1000, static_cast<std::int64_t>(limit)});
  std::vector<OutboxRow> rows;
  rows.reserve(result.rows.size());
  for (auto const& row : result.rows) {
    OutboxRow out;
    out.id = row.int64(0);
    out.record.topic = row.str(1);
    out.record.key = row.str(2);
    out.record.value = row.str(3);
    out.record.headers = decode_headers(row.str(4));
    rows.push_back(std::move(out));
  }
  return rows;
}

void delete_outbox_rows(MysqlConnection& connection, std::vector<std::int64_t> const& ids) {
  static std::string const sql = delete_statement();
  for (std::size_t start = 0; start < ids.size(); start += kOutboxDeleteBatch) {
    SqlParams batch;
    batch.reserve(kOutboxDeleteBatch);
    auto const end = std::min(ids.size(), start + kOutboxDeleteBatch);
    for (std::size_t i = start; i < end; ++i) batch.emplace_back(ids[i]);
    while (batch.size() < kOutboxDeleteBatch) batch.push_back(batch.front());
    connection.execute(sql, batch);
  }
}

std::int64_t count_outbox_rows(MysqlConnection& connection) {
  return connection.execute("SELECT COUNT(*) FROM kfn_outbox").rows.at(0).int64(0);
}

std::string outbox_sweep_lock_name(std::string const& schema) { return "kfn_outbox_sweep_" + schema; }

}  // namespace kfn::host

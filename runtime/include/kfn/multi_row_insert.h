// Inserting many rows with few statements: multi-row VALUES in power-of-two chunks of at most 32 rows,
// so a handful of statement texts (and prepared statements) serve any row count.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kfn/db.h"

namespace kfn {

// Inserts `count` rows as `head` ("INSERT INTO t (a, b) VALUES ") followed by one `row`
// ("(?, ?)") per row. `append_row(i, params)` appends row i's `params_per_row` values;
// `execute(sql, params)` runs one statement and returns its SqlResult. Returns each row's
// AUTO_INCREMENT id in order: a multi-row VALUES insert is a "simple insert", for which InnoDB hands
// out consecutive ids in every innodb_autoinc_lock_mode, so a statement's first id gives all of them.
template <class AppendRow, class Execute>
std::vector<std::int64_t> insert_rows_in_chunks(std::size_t count, std::string_view head,
                                                std::string_view row, std::size_t params_per_row,
                                                AppendRow append_row, Execute execute) {
  constexpr std::size_t kLargestChunk = 32;
  std::vector<std::int64_t> ids;
  ids.reserve(count);
  std::size_t next = 0;
  while (next < count) {
    std::size_t chunk = kLargestChunk;
    while (chunk > count - next) chunk /= 2;
    std::string sql(head);
    SqlParams params;
    params.reserve(chunk * params_per_row);
    for (std::size_t i = 0; i < chunk; ++i) {
      if (i > 0) sql += ", ";
      sql += row;
      append_row(next + i, params);
    }
    auto const result = execute(sql, params);
    for (std::size_t i = 0; i < chunk; ++i) ids.push_back(static_cast<std::int64_t>(result.insert_id + i));
    next += chunk;
  }
  return ids;
}

}  // namespace kfn

// Rows and results the notify handlers' tests script into the fake database, shaped like MySQL's.
#pragma once

#include <cstdint>
#include <string>

#include "common/testing/scripted_database.h"

namespace notify::testing {

inline kfn::SqlResult affected(std::uint64_t rows, std::uint64_t insert_id = 0) {
  return kfn::SqlResult{{}, rows, insert_id};
}

// first_delivery's INSERT IGNORE: 1 row for a first delivery, 0 for a redelivery.
inline kfn::SqlResult first_time() { return affected(1); }

inline kfn::Row id_row(std::int64_t id) { return common::testing::make_row({"id"}, {id}); }

inline kfn::Row notification_row(std::int64_t id, std::int64_t user_id, std::string const& type,
                                 std::string const& payload, kfn::SqlValue read_at = nullptr) {
  return common::testing::make_row(
      {"id", "user_id", "type", "payload", "created_at", "read_at"},
      {id, user_id, type, payload, std::string("2026-11-21 10:00:00.000"), read_at});
}

}  // namespace notify::testing

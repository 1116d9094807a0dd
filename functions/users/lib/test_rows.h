// Rows the users handlers' tests script into the fake database, shaped like MySQL's answers.
#pragma once

#include <cstdint>
#include <string>

#include "common/testing/scripted_database.h"

namespace users::testing {

inline kfn::Row account_row(std::int64_t id, std::string const& username, std::string const& password_hash) {
  return common::testing::make_row(
      {"id", "email", "username", "password_hash", "display_name", "status_message", "avatar_url",
       "created_at", "updated_at"},
      {id, username + "@example.com", username, password_hash, std::string("Display ") + username, nullptr,
       nullptr, std::string("2026-01-01 10:00:00.000"), std::string("2026-01-01 10:00:00.000")});
}

inline kfn::SqlResult affected(std::uint64_t rows, std::uint64_t insert_id = 0) {
  return kfn::SqlResult{{}, rows, insert_id};
}

}  // namespace users::testing

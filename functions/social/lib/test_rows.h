// Rows the social handlers' tests script into the fake database, shaped like MySQL's answers.
#pragma once

#include <cstdint>
#include <string>

#include "common/testing/scripted_database.h"
#include "lib/pair_state.h"

namespace social::testing {

inline kfn::Row user_row(std::int64_t id, std::string const& username) {
  return common::testing::make_row({"id", "username", "display_name", "status_message", "avatar_url"},
                                   {id, username, "Display " + username, nullptr, nullptr});
}

// A user row followed by one DATETIME column (since, created_at), as the list queries select.
inline kfn::Row user_row_with_time(std::int64_t id, std::string const& username, std::string const& time) {
  return common::testing::make_row({"id", "username", "display_name", "status_message", "avatar_url", "time"},
                                   {id, username, "Display " + username, std::string("away"), nullptr, time});
}

// What lock_pair's SELECT ... FOR UPDATE returns when the pair's row exists.
inline kfn::SqlResult pair_row() {
  return kfn::SqlResult{{common::testing::make_row({"low_id"}, {std::int64_t{1}})}, 0, 0};
}

inline kfn::SqlResult state_rows(PairState const& state) {
  auto bit = [](bool b) { return kfn::SqlValue(std::int64_t{b ? 1 : 0}); };
  return kfn::SqlResult{{common::testing::make_row(
                            {"friends", "self_requested", "other_requested", "self_blocked", "other_blocked"},
                            {bit(state.friends), bit(state.self_requested), bit(state.other_requested),
                             bit(state.self_blocked), bit(state.other_blocked)})},
                        0,
                        0};
}

inline kfn::SqlResult affected(std::uint64_t rows) { return kfn::SqlResult{{}, rows, 0}; }

}  // namespace social::testing

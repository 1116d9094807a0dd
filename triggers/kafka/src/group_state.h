// The consumer group's state as librdkafka's statistics report it. Commits are only sent while the
// group is steady: librdkafka 2.0.2 treats a commit answered after a rejoin (ILLEGAL_GENERATION) as
// a lost assignment and drops every partition (librdkafka issue #4059), which would turn a clean
// rebalance into redeliveries.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kfn::kafka {

struct GroupState {
  std::string state;       // "up" once a coordinator is known
  std::string join_state;  // "steady" between rebalances

  [[nodiscard]] bool steady() const { return state == "up" && join_state == "steady"; }
};

// Reads the "cgrp" object of a statistics JSON document; nullopt when it has none.
std::optional<GroupState> group_state_from_stats(std::string_view json);

}  // namespace kfn::kafka

#include "group_state.h"

#include <catch2/catch.hpp>

namespace kfn::kafka {
namespace {

TEST_CASE("the group state is read from the cgrp object of librdkafka's statistics") {
  auto state = group_state_from_stats(
      R"({"name":"c#1","brokers":{"b":{"state":"UP"}},"cgrp": { "state": "up", "stateage": 999, )"
      R"("join_state": "steady", "rebalance_cnt": 1 }, "tx":9})");
  REQUIRE(state);
  CHECK(state->state == "up");
  CHECK(state->join_state == "steady");
  CHECK(state->steady());
}

TEST_CASE("a group that is joining or has no coordinator is not steady") {
  CHECK_FALSE(group_state_from_stats(R"({"cgrp": {"state": "up", "join_state": "wait-join"}})")->steady());
  CHECK_FALSE(group_state_from_stats(R"({"cgrp": {"state": "query-coord", "join_state": "steady"}})")->steady());
}

TEST_CASE("statistics without a group, or a malformed one, give no state") {
  CHECK_FALSE(group_state_from_stats(R"({"name":"producer","brokers":{}})"));
  CHECK_FALSE(group_state_from_stats(R"({"cgrp": {"state": 3}})"));
  CHECK_FALSE(group_state_from_stats(""));
}

}  // namespace
}  // namespace kfn::kafka

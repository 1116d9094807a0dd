#include "flow_control.h"

#include <catch2/catch.hpp>

namespace kfn::kafka {
namespace {

using Action = FlowControl::Action;

TEST_CASE("a partition pauses when its in-flight records reach the maximum") {
  FlowControl flow(10);
  CHECK(flow.update(9) == Action::kNone);
  CHECK(flow.update(10) == Action::kPause);
  CHECK(flow.paused());
  CHECK(flow.update(12) == Action::kNone);
}

TEST_CASE("a paused partition resumes only once half of the maximum has drained") {
  FlowControl flow(10);
  flow.update(10);
  CHECK(flow.update(8) == Action::kNone);
  CHECK(flow.update(6) == Action::kNone);
  CHECK(flow.update(5) == Action::kResume);
  CHECK_FALSE(flow.paused());
  CHECK(flow.update(5) == Action::kNone);
}

TEST_CASE("a maximum of one still lets one record through at a time") {
  FlowControl flow(1);
  CHECK(flow.update(0) == Action::kNone);
  CHECK(flow.update(1) == Action::kPause);
  CHECK(flow.update(0) == Action::kResume);
}

}  // namespace
}  // namespace kfn::kafka

#include "run_here_gate.h"

#include <catch2/catch.hpp>

namespace kfn::kafka {
namespace {

using namespace std::chrono_literals;

int batches_open(RunHereGate& gate, int batches) {
  int open = 0;
  for (int i = 0; i < batches; ++i) open += gate.open() ? 1 : 0;
  return open;
}

TEST_CASE("the poll thread runs records itself while they are quick") {
  RunHereGate gate;
  CHECK(gate.open());
  for (int i = 0; i < 100; ++i) gate.ran(2us);
  CHECK(batches_open(gate, 10) == 10);
}

TEST_CASE("after slow records the poll thread only samples one batch in kResampleBatches") {
  RunHereGate gate;
  for (int i = 0; i < 20; ++i) gate.ran(3ms);
  CHECK(batches_open(gate, RunHereGate::kResampleBatches * 3) == 3);
}

TEST_CASE("one slow record among quick ones does not close the gate; a run of them does") {
  RunHereGate gate;
  for (int i = 0; i < 20; ++i) gate.ran(5us);
  gate.ran(1ms);
  CHECK(gate.open());
  for (int i = 0; i < 8; ++i) gate.ran(1ms);
  CHECK_FALSE(gate.open());
}

TEST_CASE("one record held up for a time slice does not close the gate alone") {
  RunHereGate gate;
  for (int i = 0; i < 20; ++i) gate.ran(5us);
  gate.ran(20ms);  // what a handler of 5 us measures when the thread loses its core meanwhile
  CHECK(gate.open());
}

TEST_CASE("records that are quick again open the gate again") {
  RunHereGate gate;
  for (int i = 0; i < 20; ++i) gate.ran(3ms);
  CHECK_FALSE(gate.open());
  for (int i = 0; i < 40; ++i) gate.ran(5us);
  CHECK(gate.open());
}

}  // namespace
}  // namespace kfn::kafka

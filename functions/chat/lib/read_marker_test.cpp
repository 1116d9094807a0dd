#include "lib/read_marker.h"

#include <catch2/catch.hpp>

TEST_CASE("the read marker moves forward to the requested seq", "[read]") {
  CHECK(chat::next_read_marker(3, 7, 10) == 7);
}

TEST_CASE("the read marker never moves back", "[read]") {
  CHECK(chat::next_read_marker(7, 3, 10) == 7);
  CHECK(chat::next_read_marker(7, 7, 10) == 7);
}

TEST_CASE("the read marker stops at the newest message", "[read]") {
  CHECK(chat::next_read_marker(3, 99, 10) == 10);
  CHECK(chat::next_read_marker(10, 99, 10) == 10);
  CHECK(chat::next_read_marker(0, 5, 0) == 0);
}

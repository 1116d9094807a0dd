#include "dead_letter.h"

#include <catch2/catch.hpp>

namespace kfn::kafka {
namespace {

TEST_CASE("a dead letter keeps the original key, value and headers and adds where and why") {
  Record record{{"orders", 4}, 812, std::string("k1"), std::string("\x01\x02raw"), {{"ce_id", "e1"}, {"h", "v"}}};
  auto letter = dead_letter_for(record, "orders-fn.dlq", "boom", 5);
  CHECK(letter.topic == "orders-fn.dlq");
  CHECK(letter.key == "k1");
  CHECK(letter.value == std::string("\x01\x02raw"));
  Headers expected{{"ce_id", "e1"},
                   {"h", "v"},
                   {"kfn_error", "boom"},
                   {"kfn_attempts", "5"},
                   {"kfn_source_topic", "orders"},
                   {"kfn_source_partition", "4"},
                   {"kfn_source_offset", "812"}};
  CHECK(letter.headers == expected);
}

TEST_CASE("a keyless tombstone stays keyless and valueless in the dead-letter topic") {
  Record record{{"t", 0}, 1, std::nullopt, std::nullopt, {}};
  auto letter = dead_letter_for(record, "t.dlq", "x", 1);
  CHECK_FALSE(letter.key.has_value());
  CHECK_FALSE(letter.value.has_value());
}

}  // namespace
}  // namespace kfn::kafka

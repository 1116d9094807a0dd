#include "trace_context.h"

#include <catch2/catch.hpp>

namespace kfn::http {

TEST_CASE("the W3C example traceparent is valid and kept") {
  std::string example = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  CHECK(is_valid_traceparent(example));
  CHECK(choose_traceparent(example) == example);
}

TEST_CASE("malformed traceparents are refused") {
  CHECK_FALSE(is_valid_traceparent(""));
  CHECK_FALSE(is_valid_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7"));
  CHECK_FALSE(is_valid_traceparent("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"));
  CHECK_FALSE(is_valid_traceparent("00-00000000000000000000000000000000-00f067aa0ba902b7-01"));
  CHECK_FALSE(is_valid_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01"));
  CHECK_FALSE(is_valid_traceparent("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
  CHECK_FALSE(is_valid_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra"));
}

TEST_CASE("a later version may carry more fields") {
  CHECK(is_valid_traceparent("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra"));
}

TEST_CASE("a missing or invalid traceparent is replaced by a fresh valid one") {
  auto fresh = choose_traceparent(std::nullopt);
  CHECK(is_valid_traceparent(fresh));
  CHECK(fresh.substr(0, 3) == "00-");
  CHECK(choose_traceparent("garbage") != "garbage");
  CHECK(is_valid_traceparent(choose_traceparent("garbage")));
  CHECK(choose_traceparent(std::nullopt) != fresh);
}

}  // namespace kfn::http

#include "structured_mode.h"

#include <catch2/catch.hpp>

namespace kfn::cloudevents {
namespace {

TEST_CASE("structured mode is chosen by the application/cloudevents+json media type alone") {
  CHECK(is_structured_mode("application/cloudevents+json"));
  CHECK(is_structured_mode("Application/CloudEvents+JSON; charset=utf-8"));
  CHECK_FALSE(is_structured_mode("application/json"));
  CHECK_FALSE(is_structured_mode("application/cloudevents-batch+json"));
}

TEST_CASE("string data of a non-JSON media type is the data itself") {
  auto result = read_structured_mode(R"({"datacontenttype":"text/plain","data":"hi"})");
  REQUIRE(std::holds_alternative<WireEvent>(result));
  CHECK(std::get<WireEvent>(result).data == "hi");
}

TEST_CASE("integer and boolean extensions keep their canonical text; objects are rejected") {
  auto ok = read_structured_mode(R"({"count":3,"flag":true})");
  REQUIRE(std::holds_alternative<WireEvent>(ok));
  CHECK(std::get<WireEvent>(ok).get("count") == "3");
  CHECK(std::get<WireEvent>(ok).get("flag") == "true");
  auto bad = read_structured_mode(R"({"nested":{"a":1}})");
  REQUIRE(std::holds_alternative<WireError>(bad));
  CHECK(std::get<WireError>(bad).message == "\"nested\" must be a string");
}

TEST_CASE("data_base64 must be base64") {
  auto bad = read_structured_mode(R"({"data_base64":"not base64!"})");
  REQUIRE(std::holds_alternative<WireError>(bad));
}

}  // namespace
}  // namespace kfn::cloudevents

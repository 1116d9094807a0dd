#include "consumer_properties.h"

#include <catch2/catch.hpp>
#include <map>

using kfn::sse::consumer_properties;

namespace {
std::map<std::string, std::string> as_map(std::vector<std::pair<std::string, std::string>> const& list) {
  return {list.begin(), list.end()};
}
}  // namespace

TEST_CASE("the deliveries consumer waits for records as long as it is told") {
  using std::chrono::milliseconds;
  CHECK(as_map(consumer_properties("b:1", "g", milliseconds(20))).at("fetch.wait.max.ms") == "20");
  CHECK(as_map(consumer_properties("b:1", "g", milliseconds(5))).at("fetch.wait.max.ms") == "5");
}

TEST_CASE("the deliveries consumer is a group of its own that starts at the end and never commits") {
  auto const properties = as_map(consumer_properties("b:1", "edge-abc", std::chrono::milliseconds(20)));
  CHECK(properties.at("bootstrap.servers") == "b:1");
  CHECK(properties.at("group.id") == "edge-abc");
  CHECK(properties.at("enable.auto.commit") == "false");
  CHECK(properties.at("auto.offset.reset") == "latest");
}

#include "yaml_writer.h"

#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>

namespace kfn::knative {
namespace {

TEST_CASE("string values that look like numbers or booleans stay strings") {
  auto text = to_yaml({Object{{"annotations", {{"min-scale", "0"}, {"flag", "true"}}}, {"replicas", 3}}});
  auto node = YAML::Load(text.substr(text.find('\n') + 1));
  CHECK(node["annotations"]["min-scale"].Tag() == "!");  // quoted: a string
  CHECK(node["annotations"]["flag"].Tag() == "!");
  CHECK(node["replicas"].Tag() == "?");  // plain: resolved as a number
  CHECK(node["replicas"].as<int>() == 3);
}

TEST_CASE("each object is its own YAML document") {
  auto text = to_yaml({Object{{"kind", "A"}}, Object{{"kind", "B"}}});
  auto documents = YAML::LoadAll(text);
  REQUIRE(documents.size() == 2);
  CHECK(documents[1]["kind"].as<std::string>() == "B");
}

}  // namespace
}  // namespace kfn::knative

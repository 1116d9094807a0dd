// Kubernetes objects are built as ordered JSON (typed: a string stays a string) and written as YAML
// through yaml-cpp. String values are always double-quoted, so "0" or "true" can never turn into a
// number or a boolean on the way to the API server (annotations must be strings).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace kfn::knative {

using Object = nlohmann::ordered_json;

// One YAML document per object, separated by "---".
std::string to_yaml(std::vector<Object> const& objects);

}  // namespace kfn::knative

// `kfn knative --out DIR [--image REF] [--namespace NS] ...`: write the Knative objects for the
// manifests (see kfn/knative/generator.h and docs/knative.md).
#pragma once

#include <string>
#include <vector>

namespace kfn::runner {

// `args` are the words after "knative". Throws std::invalid_argument for bad usage.
int knative_command(std::vector<std::string> const& args);

}  // namespace kfn::runner

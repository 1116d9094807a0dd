// `kfn invoke <function>`: call one HTTP function of a running runner by its manifest name.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace kfn::runner {

struct InvokeOptions {
  std::string function;
  std::string data;  // request body
  std::string url = "http://127.0.0.1:8080";
  std::string token;  // sent as Authorization: Bearer
  std::vector<std::pair<std::string, std::string>> params;  // path template values
  std::filesystem::path manifests = "manifests";
};

// Prints the status line and body; returns 0 for 2xx, 1 otherwise, 2 for a usage error.
int invoke(InvokeOptions const& options);

// The route's path with {name} replaced by params' values (percent-encoded); throws
// std::invalid_argument naming a missing parameter.
std::string fill_path_template(std::string const& path_template,
                               std::vector<std::pair<std::string, std::string>> const& params);

}  // namespace kfn::runner

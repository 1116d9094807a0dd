// Between the function-manifest parser and the catalogue loader: a parsed manifest plus the lines of
// the fields the cross-file checks may have to point at.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "kfn/host/manifest.h"

namespace kfn::host::manifest_internal {

struct ParsedFunction {
  FunctionManifest manifest;
  // Dotted field -> 1-based line, for "name", "context", "trigger.http.path", "trigger.kafka.topics[i]".
  std::map<std::string, int> lines;

  [[nodiscard]] int line(std::string const& field) const {
    auto const it = lines.find(field);
    return it == lines.end() ? 1 : it->second;
  }
};

ParsedFunction parse_function_document(std::string const& yaml_text, std::string const& file_name);

// "/messages/{room_id}" -> "/messages/{}": two routes with the same shape serve the same requests.
std::string route_shape(std::string_view path);

}  // namespace kfn::host::manifest_internal

// A CloudEvent as it came off the wire, before it becomes a kfn::CloudEvent: every context attribute
// and extension by lower-case name, plus the data bytes. Both HTTP modes produce one.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>

namespace kfn::cloudevents {

struct WireEvent {
  std::map<std::string, std::string> attributes;  // "id", "source", "type", "kafkaheaderfoo", ...
  std::string data;

  [[nodiscard]] std::optional<std::string> get(std::string const& name) const {
    auto it = attributes.find(name);
    if (it == attributes.end()) return std::nullopt;
    return it->second;
  }
};

struct WireError {
  std::string message;
};

using WireResult = std::variant<WireEvent, WireError>;

}  // namespace kfn::cloudevents

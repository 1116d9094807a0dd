// A domain event as the notify context's consumers read it: the CloudEvent's id and type, and its
// JSON data with the occurred_at every event carries (docs/events.md).
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>

#include "kfn/event.h"
#include "lib/delivery.h"

namespace notify {

struct InboundEvent {
  std::string id;
  std::string type;
  nlohmann::json data;
  std::optional<std::chrono::system_clock::time_point> occurred_at;
};

// Malformed when the value is not a JSON object or the event has no id.
std::variant<InboundEvent, Malformed> read_inbound_event(kfn::CloudEvent const& event);

// When the fact happened: occurred_at, else the CloudEvent time, else `fallback`. Projections order
// their rows by it, so a late older event cannot undo a newer one.
std::chrono::system_clock::time_point happened_at(InboundEvent const& event,
                                                  std::chrono::system_clock::time_point fallback);

}  // namespace notify

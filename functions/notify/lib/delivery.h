// What the SSE edge streams: one EventDelivery per recipient, `event: <event>` / `data: <data>`
// (docs/events.md, notification.events), and the value a planner returns for an event it cannot read.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace notify {

struct Delivery {
  std::int64_t recipient_id = 0;
  std::string event;  // the SSE event type, e.g. "message.sent"
  nlohmann::json data;
};

// An inbound event that lacks what its contract promises: it goes to the dead-letter topic.
struct Malformed {
  std::string reason;
};

using DeliveryPlan = std::variant<std::vector<Delivery>, Malformed>;

// The same event and data for each of `recipients`, in their order.
void fan_out(std::vector<std::int64_t> const& recipients, std::string_view event, nlohmann::json const& data,
             std::vector<Delivery>& out);

}  // namespace notify

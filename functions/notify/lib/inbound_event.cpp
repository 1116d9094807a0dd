#include "lib/inbound_event.h"

#include "kfn/time.h"

namespace notify {

std::variant<InboundEvent, Malformed> read_inbound_event(kfn::CloudEvent const& event) {
  // Ids are remembered in kfn_processed_events, whose column holds 128 characters.
  if (event.id.empty() || event.id.size() > 128) return Malformed{"the event id is missing or too long"};
  auto data = nlohmann::json::parse(event.data, nullptr, false);
  if (data.is_discarded() || !data.is_object()) return Malformed{"the event data is not a JSON object"};
  InboundEvent inbound{event.id, event.type, std::move(data), std::nullopt};
  auto const occurred = inbound.data.find("occurred_at");
  if (occurred != inbound.data.end() && occurred->is_string()) {
    inbound.occurred_at = kfn::parse_rfc3339(occurred->get<std::string>());
  }
  if (!inbound.occurred_at && !event.time.empty()) inbound.occurred_at = kfn::parse_rfc3339(event.time);
  return inbound;
}

std::chrono::system_clock::time_point happened_at(InboundEvent const& event,
                                                  std::chrono::system_clock::time_point fallback) {
  return event.occurred_at.value_or(fallback);
}

}  // namespace notify

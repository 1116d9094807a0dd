// An EventDelivery record (docs/events.md) as the edge streams it: for whom, with which id, what.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kfn::sse {

struct Delivery {
  std::int64_t recipient_id = 0;
  std::int64_t id = 0;                               // the record's offset: see history.h
  std::string event;                                 // SSE event type, e.g. message.sent
  std::string data;                                  // one line of JSON
  std::chrono::system_clock::time_point event_time;  // when it was published (record timestamp)
};

// The record value `{"recipient_id", "event", "data", ...}` at `offset`; nullopt when it is not a
// well-formed delivery (other record types share the topic).
std::optional<Delivery> parse_delivery(std::string_view value, std::int64_t offset,
                                       std::chrono::system_clock::time_point event_time);

}  // namespace kfn::sse

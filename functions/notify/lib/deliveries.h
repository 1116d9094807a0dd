// Who hears about a domain event on their live stream, and what they get (API.md "Event types").
// Pure functions: the push handler supplies what only the database knows (a user's friends).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "lib/delivery.h"

namespace notify {

// Deliveries for an event of `type` with JSON `data`. Types nobody streams give an empty plan.
// `friends_of_subject` are the friends of the user an UserOnlineStatusChanged is about (unused for
// other types).
DeliveryPlan plan_deliveries(std::string_view type, nlohmann::json const& data,
                             std::vector<std::int64_t> const& friends_of_subject);

// Deliveries that follow from the event alone (the friend, room and message families): everything but
// presence changes, whose audience is read from the database.
DeliveryPlan plan_event_deliveries(std::string_view type, nlohmann::json const& data);

// The families plan_deliveries dispatches to; each answers an empty plan for types not its own.
DeliveryPlan plan_friend_deliveries(std::string_view type, nlohmann::json const& data);
DeliveryPlan plan_room_deliveries(std::string_view type, nlohmann::json const& data);
DeliveryPlan plan_message_deliveries(std::string_view type, nlohmann::json const& data);
DeliveryPlan plan_presence_deliveries(std::string_view type, nlohmann::json const& data,
                                      std::vector<std::int64_t> const& friends_of_subject);

}  // namespace notify

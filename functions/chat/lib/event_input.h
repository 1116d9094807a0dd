// Reading the facts other contexts publish: the JSON data of a CloudEvent, when it happened, and
// the projection lag metric every projection reports.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>

#include "kfn/context.h"
#include "kfn/event.h"

namespace chat {

// The event's data when it is a JSON object.
std::optional<nlohmann::json> event_data(kfn::CloudEvent const& event);

// data.occurred_at, else the CloudEvent's time; nullopt when neither is an RFC 3339 time.
std::optional<std::chrono::system_clock::time_point> occurred_at(nlohmann::json const& data,
                                                                 kfn::CloudEvent const& event);

// Observes projection_lag_seconds: how long after it happened the fact reached this projection.
void observe_lag(kfn::Context& ctx, std::chrono::system_clock::time_point occurred);

}  // namespace chat

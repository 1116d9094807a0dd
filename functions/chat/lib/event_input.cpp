#include "lib/event_input.h"

#include "kfn/time.h"
#include "lib/json_values.h"

namespace chat {

std::optional<nlohmann::json> event_data(kfn::CloudEvent const& event) {
  auto data = nlohmann::json::parse(event.data, nullptr, false);
  if (data.is_discarded() || !data.is_object()) return std::nullopt;
  return data;
}

std::optional<std::chrono::system_clock::time_point> occurred_at(nlohmann::json const& data,
                                                                 kfn::CloudEvent const& event) {
  if (auto const text = string_field(data, "occurred_at")) {
    if (auto const parsed = kfn::parse_rfc3339(*text)) return parsed;
  }
  return kfn::parse_rfc3339(event.time);
}

void observe_lag(kfn::Context& ctx, std::chrono::system_clock::time_point occurred) {
  std::chrono::duration<double> const lag = ctx.now() - occurred;
  ctx.metrics().observe("projection_lag_seconds", lag.count() > 0 ? lag.count() : 0.0);
}

}  // namespace chat

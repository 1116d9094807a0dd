#include "lib/deliveries.h"

#include "lib/event_reader.h"

namespace notify {
namespace {

bool is_empty(DeliveryPlan const& plan) {
  auto const* deliveries = std::get_if<std::vector<Delivery>>(&plan);
  return deliveries != nullptr && deliveries->empty();
}

}  // namespace

void fan_out(std::vector<std::int64_t> const& recipients, std::string_view event, nlohmann::json const& data,
             std::vector<Delivery>& out) {
  for (std::int64_t const recipient : recipients) out.push_back({recipient, std::string(event), data});
}

DeliveryPlan plan_presence_deliveries(std::string_view type, nlohmann::json const& data,
                                      std::vector<std::int64_t> const& friends_of_subject) {
  if (type != "UserOnlineStatusChanged") return std::vector<Delivery>{};
  EventReader in(data);
  nlohmann::json const presence = {
      {"user_id", in.id("user_id")},
      {"online", in.boolean("online")},
      {"last_seen_at", in.optional_time("last_seen_at")},
  };
  if (!in.ok()) return Malformed{in.problem()};
  std::vector<Delivery> out;
  fan_out(friends_of_subject, "presence.changed", presence, out);
  return out;
}

DeliveryPlan plan_event_deliveries(std::string_view type, nlohmann::json const& data) {
  // Each family ignores the others' types, so the first non-empty answer is the one.
  DeliveryPlan plan = plan_friend_deliveries(type, data);
  if (!is_empty(plan)) return plan;
  plan = plan_room_deliveries(type, data);
  if (!is_empty(plan)) return plan;
  return plan_message_deliveries(type, data);
}

DeliveryPlan plan_deliveries(std::string_view type, nlohmann::json const& data,
                             std::vector<std::int64_t> const& friends_of_subject) {
  DeliveryPlan plan = plan_event_deliveries(type, data);
  if (!is_empty(plan)) return plan;
  return plan_presence_deliveries(type, data, friends_of_subject);
}

}  // namespace notify

#include "lib/outbound_events.h"

#include <string>

namespace notify {

kfn::DomainEvent event_delivery(Delivery delivery) {
  nlohmann::json data = nlohmann::json::object();
  data["recipient_id"] = delivery.recipient_id;
  data["event"] = std::move(delivery.event);
  data["data"] = std::move(delivery.data);
  return {kNotificationEventsTopic, std::to_string(delivery.recipient_id), kEventDelivery, std::move(data)};
}

kfn::DomainEvent notification_created(StoredNotification const& notification) {
  nlohmann::json data = {{"recipient_id", notification.user_id},
                         {"notification", notification_json(notification)}};
  return {kNotificationEventsTopic, std::to_string(notification.user_id), kNotificationCreated,
          std::move(data)};
}

Delivery notification_delivery(StoredNotification const& notification) {
  return {notification.user_id, "notification.created", notification_json(notification)};
}

}  // namespace notify

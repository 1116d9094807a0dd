// What the notify context publishes on notification.events, keyed by the recipient's user id
// (docs/events.md): EventDelivery records for the SSE edge, and NotificationCreated.
#pragma once

#include "kfn/event.h"
#include "lib/delivery.h"
#include "lib/notification_store.h"

namespace notify {

inline constexpr char kNotificationEventsTopic[] = "notification.events";
inline constexpr char kEventDelivery[] = "EventDelivery";
inline constexpr char kNotificationCreated[] = "NotificationCreated";

// {recipient_id, event, data}. Takes the delivery's data over rather than copying it: a chat message
// fans out to every member, and deep copies of its JSON were a large share of notify-push's CPU.
kfn::DomainEvent event_delivery(Delivery delivery);
// {recipient_id, notification}
kfn::DomainEvent notification_created(StoredNotification const& notification);
// The `notification.created` stream event that tells the recipient's open streams.
Delivery notification_delivery(StoredNotification const& notification);

}  // namespace notify

#include "lib/push_effects.h"

#include <algorithm>
#include <array>
#include <vector>

#include "kfn/time.h"
#include "lib/deliveries.h"
#include "lib/event_reader.h"
#include "lib/notifications.h"
#include "lib/outbound_events.h"
#include "lib/projection_store.h"

namespace notify {
namespace {

constexpr std::array<std::string_view, 14> kPushTypes{"FriendRequestSent",
                                                      "FriendRequestAccepted",
                                                      "FriendRequestRejected",
                                                      "FriendRequestCancelled",
                                                      "FriendRemoved",
                                                      "UserBlocked",
                                                      "RoomCreated",
                                                      "MemberJoined",
                                                      "MemberLeft",
                                                      "MessageSent",
                                                      "MessageEdited",
                                                      "MessageDeleted",
                                                      "MessageRead",
                                                      "UserOnlineStatusChanged"};

std::optional<Malformed> update_projections(kfn::Transaction& tx, InboundEvent const& event,
                                            std::string const& changed_at) {
  auto friendship = friendship_change(event.type, event.data);
  if (auto const* bad = std::get_if<Malformed>(&friendship)) return *bad;
  if (auto const& change = std::get<std::optional<FriendshipChange>>(friendship)) {
    apply_friendship(tx, *change, changed_at);
  }
  auto presence = presence_change(event.type, event.data);
  if (auto const* bad = std::get_if<Malformed>(&presence)) return *bad;
  if (auto const& change = std::get<std::optional<PresenceChange>>(presence))
    apply_presence(tx, *change, changed_at);
  return std::nullopt;
}

// Who hears of a presence change: the user's friends, as the projection knows them now.
std::vector<std::int64_t> presence_audience(kfn::Transaction& tx, InboundEvent const& event) {
  if (event.type != "UserOnlineStatusChanged") return {};
  auto const user = event.data.find("user_id");
  std::int64_t const user_id = user == event.data.end() ? 0 : json_id(*user);
  return user_id == 0 ? std::vector<std::int64_t>{} : friends_of(tx, user_id);
}

std::vector<StoredNotification> store_message_notifications(kfn::Transaction& tx, SentMessage const& message,
                                                            std::string const& now,
                                                            std::set<std::int64_t> const* known_online) {
  std::set<std::int64_t> read_online;
  if (known_online == nullptr) read_online = online_among(tx, offline_recipients(message, {}));
  auto const recipients = offline_recipients(message, known_online ? *known_online : read_online);
  auto existing = lock_unread_room_notifications(tx, message.room_id, recipients);
  std::vector<StoredNotification> stored;
  stored.reserve(recipients.size());
  for (std::int64_t const recipient : recipients) {
    auto const found = existing.find(recipient);
    stored.push_back(found == existing.end()
                         ? insert_room_notification(tx, recipient, message, now)
                         : grow_room_notification(tx, std::move(found->second), message, now));
  }
  return stored;
}

std::vector<StoredNotification> store_notifications(kfn::Transaction& tx, InboundEvent const& event,
                                                    std::string const& now,
                                                    std::set<std::int64_t> const* online) {
  if (auto const draft = friend_notification(event.type, event.data))
    return {insert_notification(tx, *draft, now)};
  if (auto const read = room_read(event.type, event.data)) {
    mark_room_read(tx, *read, now);
    return {};
  }
  if (event.type != "MessageSent") return {};
  auto const message = sent_message(event.data);
  return message ? store_message_notifications(tx, *message, now, online) : std::vector<StoredNotification>{};
}

}  // namespace

bool is_push_type(std::string_view type) {
  return std::find(kPushTypes.begin(), kPushTypes.end(), type) != kPushTypes.end();
}

std::optional<Malformed> apply_push_effects(kfn::Transaction& tx, InboundEvent const& event,
                                            std::chrono::system_clock::time_point now,
                                            std::set<std::int64_t> const* online) {
  if (auto bad = update_projections(tx, event, kfn::sql_datetime(happened_at(event, now)))) return bad;
  auto plan = plan_presence_deliveries(event.type, event.data, presence_audience(tx, event));
  if (auto const* bad = std::get_if<Malformed>(&plan)) return *bad;
  for (auto& delivery : std::get<std::vector<Delivery>>(plan)) tx.publish(event_delivery(std::move(delivery)));
  for (auto const& notification : store_notifications(tx, event, kfn::sql_datetime(now), online)) {
    tx.publish(event_delivery(notification_delivery(notification)));
    tx.publish(notification_created(notification));
  }
  return std::nullopt;
}

}  // namespace notify

// The notifications table: making, growing, listing and reading notifications, always scoped to one
// user. Times in and out of here are MySQL DATETIME(3) text except where the type says RFC 3339.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kfn/db.h"
#include "lib/notifications.h"

namespace notify {

// A notification as API.md shows it.
struct StoredNotification {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string type;
  nlohmann::json payload;
  std::string created_at;  // RFC 3339
  std::string read_at;     // RFC 3339, empty while unread
};

// {"id","type","payload","created_at","read_at"}
nlohmann::json notification_json(StoredNotification const& notification);

StoredNotification insert_notification(kfn::Transaction& tx, NotificationDraft const& draft,
                                       std::string const& now);

// The unread message_received notifications of `room_id` for `user_ids`, locked, by user id.
std::map<std::int64_t, StoredNotification> lock_unread_room_notifications(
    kfn::Transaction& tx, std::int64_t room_id, std::vector<std::int64_t> const& user_ids);
// A new message_received notification for one room.
StoredNotification insert_room_notification(kfn::Transaction& tx, std::int64_t user_id,
                                            SentMessage const& message, std::string const& now);
// Grows `existing` (from lock_unread_room_notifications) by `message`.
StoredNotification grow_room_notification(kfn::Transaction& tx, StoredNotification existing,
                                          SentMessage const& message, std::string const& now);
// Marks `read`'s room notification read unless it already tells of a message after `read.seq`.
void mark_room_read(kfn::Transaction& tx, RoomRead const& read, std::string const& now);

// The user's notifications, newest first.
std::vector<StoredNotification> list_notifications(kfn::Database& db, std::int64_t user_id, bool unread_only,
                                                   std::int64_t limit);
// Marks those of `ids` that belong to `user_id` read; the others are left alone.
void mark_read(kfn::Database& db, std::int64_t user_id, std::vector<std::int64_t> const& ids,
               std::string const& now);
void mark_all_read(kfn::Database& db, std::int64_t user_id, std::string const& now);

}  // namespace notify

#include "lib/notification_store.h"

#include "kfn/time.h"
#include "lib/sql_lists.h"

namespace notify {
namespace {

constexpr char kColumns[] = "id, user_id, type, payload, created_at, read_at";

nlohmann::json parse_payload(std::string const& text) {
  auto payload = nlohmann::json::parse(text, nullptr, false);
  return payload.is_discarded() ? nlohmann::json::object() : payload;
}

StoredNotification from_row(kfn::Row const& row) {
  return {row.int64(0),
          row.int64(1),
          row.str(2),
          parse_payload(row.str(3)),
          kfn::rfc3339_from_sql(row.str(4)),
          kfn::rfc3339_from_sql(row.opt_str(5).value_or(""))};
}

}  // namespace

nlohmann::json notification_json(StoredNotification const& notification) {
  return {{"id", notification.id},
          {"type", notification.type},
          {"payload", notification.payload},
          {"created_at", notification.created_at},
          {"read_at",
           notification.read_at.empty() ? nlohmann::json(nullptr) : nlohmann::json(notification.read_at)}};
}

StoredNotification insert_notification(kfn::Transaction& tx, NotificationDraft const& draft,
                                       std::string const& now) {
  auto const result = tx.execute(
      "INSERT INTO notifications (user_id, type, payload, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
      {draft.recipient_id, draft.type, draft.payload.dump(), now, now});
  return {static_cast<std::int64_t>(result.insert_id),
          draft.recipient_id,
          draft.type,
          draft.payload,
          kfn::rfc3339_from_sql(now),
          ""};
}

std::map<std::int64_t, StoredNotification> lock_unread_room_notifications(
    kfn::Transaction& tx, std::int64_t room_id, std::vector<std::int64_t> const& user_ids) {
  std::map<std::int64_t, StoredNotification> by_user;
  if (user_ids.empty()) return by_user;
  kfn::SqlParams params{room_id, std::string(kMessageReceived)};
  append_ids(params, user_ids);
  auto const result = tx.execute(std::string("SELECT ") + kColumns +
                                     " FROM notifications WHERE room_id = ? AND type = ? AND read_at IS NULL "
                                     "AND user_id IN (" +
                                     placeholders(user_ids.size()) + ") ORDER BY id FOR UPDATE",
                                 params);
  // Should two ever exist, the newest is the one that grows.
  for (auto const& row : result.rows) {
    auto notification = from_row(row);
    by_user.insert_or_assign(notification.user_id, std::move(notification));
  }
  return by_user;
}

StoredNotification insert_room_notification(kfn::Transaction& tx, std::int64_t user_id,
                                            SentMessage const& message, std::string const& now) {
  auto const payload = message_payload(message, nullptr);
  auto const result = tx.execute(
      "INSERT INTO notifications (user_id, type, room_id, last_seq, payload, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {user_id, std::string(kMessageReceived), message.room_id, message.seq, payload.dump(), now, now});
  return {static_cast<std::int64_t>(result.insert_id),
          user_id,
          kMessageReceived,
          payload,
          kfn::rfc3339_from_sql(now),
          ""};
}

StoredNotification grow_room_notification(kfn::Transaction& tx, StoredNotification existing,
                                          SentMessage const& message, std::string const& now) {
  existing.payload = message_payload(message, &existing.payload);
  tx.execute(
      "UPDATE notifications SET payload = ?, last_seq = GREATEST(COALESCE(last_seq, 0), ?), updated_at = ? "
      "WHERE id = ?",
      {existing.payload.dump(), message.seq, now, existing.id});
  return existing;
}

void mark_room_read(kfn::Transaction& tx, RoomRead const& read, std::string const& now) {
  tx.execute(
      "UPDATE notifications SET read_at = ? WHERE room_id = ? AND user_id = ? AND type = ? "
      "AND read_at IS NULL AND last_seq <= ?",
      {now, read.room_id, read.user_id, std::string(kMessageReceived), read.seq});
}

std::vector<StoredNotification> list_notifications(kfn::Database& db, std::int64_t user_id, bool unread_only,
                                                   std::int64_t limit) {
  std::string const sql = std::string("SELECT ") + kColumns + " FROM notifications WHERE user_id = ?" +
                          (unread_only ? " AND read_at IS NULL" : "") + " ORDER BY id DESC LIMIT ?";
  auto const result = db.execute(sql, {user_id, limit});
  std::vector<StoredNotification> notifications;
  notifications.reserve(result.rows.size());
  for (auto const& row : result.rows) notifications.push_back(from_row(row));
  return notifications;
}

void mark_read(kfn::Database& db, std::int64_t user_id, std::vector<std::int64_t> const& ids,
               std::string const& now) {
  if (ids.empty()) return;
  kfn::SqlParams params{now, user_id};
  append_ids(params, ids);
  db.execute("UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL AND id IN (" +
                 placeholders(ids.size()) + ")",
             params);
}

void mark_all_read(kfn::Database& db, std::int64_t user_id, std::string const& now) {
  db.execute("UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL", {now, user_id});
}

}  // namespace notify

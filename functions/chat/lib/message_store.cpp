#include "lib/message_store.h"

#include <stdexcept>
#include <string_view>

#include "kfn/multi_row_insert.h"

namespace chat {
namespace {

std::string select_messages(std::string_view rest) {
  return std::string("SELECT ") + kMessageColumns + " FROM messages " + std::string(rest);
}

kfn::SqlValue optional_text(std::optional<std::string> const& value) {
  return value ? kfn::SqlValue(*value) : kfn::SqlValue(nullptr);
}

std::vector<Message> messages_of(kfn::SqlResult const& result) {
  std::vector<Message> messages;
  messages.reserve(result.rows.size());
  for (auto const& row : result.rows) messages.push_back(message_from_row(row));
  return messages;
}

}  // namespace

void advance_room(kfn::Transaction& tx, std::int64_t room_id, std::int64_t seq, std::string const& now_sql) {
  tx.execute("UPDATE rooms SET last_seq = ?, last_activity_at = ? WHERE id = ?", {seq, now_sql, room_id});
}

std::int64_t insert_message(kfn::Transaction& tx, Message const& message) {
  auto const result = tx.execute(
      "INSERT INTO messages (room_id, seq, user_id, content, message_type, client_message_id, created_at, "
      "edited_at, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, 0)",
      {message.room_id, message.seq, message.user_id, message.content, message.message_type,
       optional_text(message.client_message_id), message.created_at});
  return static_cast<std::int64_t>(result.insert_id);
}

// One statement text for any number of rooms: each room's values are picked by its position in the
// id list (FIELD finds the first match, so padding with the first room changes nothing).
void advance_rooms(kfn::Transaction& tx, std::vector<RoomAdvance> const& rooms) {
  if (rooms.empty()) return;
  if (rooms.size() > kMaxAdvancedRooms) throw std::invalid_argument("too many rooms to advance at once");
  static std::string const sql = [] {
    std::string ids = "?";
    for (std::size_t i = 1; i < kMaxAdvancedRooms; ++i) ids += ", ?";
    return "UPDATE rooms SET last_seq = ELT(FIELD(id, " + ids + "), " + ids +
           "), last_activity_at = ELT(FIELD(id, " + ids + "), " + ids + ") WHERE id IN (" + ids + ")";
  }();
  auto at = [&](std::size_t i) -> RoomAdvance const& { return rooms[i < rooms.size() ? i : 0]; };
  kfn::SqlParams params;
  params.reserve(kMaxAdvancedRooms * 5);
  for (std::size_t i = 0; i < kMaxAdvancedRooms; ++i) params.emplace_back(at(i).room_id);
  for (std::size_t i = 0; i < kMaxAdvancedRooms; ++i) params.emplace_back(at(i).seq);
  for (std::size_t i = 0; i < kMaxAdvancedRooms; ++i) params.emplace_back(at(i).room_id);
  for (std::size_t i = 0; i < kMaxAdvancedRooms; ++i) params.emplace_back(at(i).now_sql);
  for (std::size_t i = 0; i < kMaxAdvancedRooms; ++i) params.emplace_back(at(i).room_id);
  tx.execute(sql, params);
}

std::vector<std::int64_t> insert_messages(kfn::Transaction& tx, std::vector<Message const*> const& messages) {
  constexpr std::size_t kParamsPerRow = 7;
  return kfn::insert_rows_in_chunks(
      messages.size(),
      "INSERT INTO messages (room_id, seq, user_id, content, message_type, client_message_id, created_at, "
      "edited_at, deleted) VALUES ",
      "(?, ?, ?, ?, ?, ?, ?, NULL, 0)", kParamsPerRow,
      [&](std::size_t i, kfn::SqlParams& params) {
        auto const& message = *messages[i];
        params.insert(params.end(),
                      {message.room_id, message.seq, message.user_id, message.content, message.message_type,
                       optional_text(message.client_message_id), message.created_at});
      },
      [&](std::string const& sql, kfn::SqlParams const& params) { return tx.execute(sql, params); });
}

std::optional<Message> find_by_client_message_id(Sql sql, std::int64_t room_id, std::int64_t user_id,
                                                 std::string const& client_message_id) {
  auto const result = sql.run(select_messages("WHERE room_id = ? AND user_id = ? AND client_message_id = ?"),
                              {room_id, user_id, client_message_id});
  if (result.rows.empty()) return std::nullopt;
  return message_from_row(result.rows.front());
}

std::vector<Message> fetch_history(Sql sql, std::int64_t room_id, HistoryQuery const& query) {
  auto const text = query.direction == PageDirection::kNewestFirst
                        ? select_messages("WHERE room_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?")
                        : select_messages("WHERE room_id = ? AND seq > ? ORDER BY seq ASC LIMIT ?");
  return messages_of(sql.run(text, {room_id, query.bound, query.limit + 1}));
}

std::optional<Message> lock_message(kfn::Transaction& tx, std::int64_t room_id, std::int64_t message_id) {
  auto const result =
      tx.execute(select_messages("WHERE id = ? AND room_id = ? FOR UPDATE"), {message_id, room_id});
  if (result.rows.empty()) return std::nullopt;
  return message_from_row(result.rows.front());
}

void save_message_change(kfn::Transaction& tx, Message const& message) {
  tx.execute("UPDATE messages SET content = ?, edited_at = ?, deleted = ? WHERE room_id = ? AND seq = ?",
             {message.content, optional_text(message.edited_at), std::int64_t{message.deleted ? 1 : 0},
              message.room_id, message.seq});
}

bool is_member(Sql sql, std::int64_t room_id, std::int64_t user_id) {
  return read_marker(sql, room_id, user_id).has_value();
}

std::optional<std::int64_t> read_marker(Sql sql, std::int64_t room_id, std::int64_t user_id) {
  auto const rows =
      sql.run("SELECT last_read_seq FROM room_members WHERE room_id = ? AND user_id = ?", {room_id, user_id})
          .rows;
  if (rows.empty()) return std::nullopt;
  return rows.front().int64(0);
}

bool advance_read_marker(kfn::Transaction& tx, std::int64_t room_id, std::int64_t user_id, std::int64_t seq) {
  auto const result = tx.execute(
      "UPDATE room_members SET last_read_seq = ? WHERE room_id = ? AND user_id = ? AND last_read_seq < ?",
      {seq, room_id, user_id, seq});
  return result.affected_rows == 1;
}

}  // namespace chat

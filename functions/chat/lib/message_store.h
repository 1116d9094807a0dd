// The SQL of messages, room seqs and read markers. Callers hold the room row lock (lock_room) when
// they take a seq, which is what keeps seqs gap-free in commit order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kfn/db.h"
#include "lib/history_query.h"
#include "lib/message.h"
#include "lib/sql.h"

namespace chat {

// Records `seq` as the room's newest message and `now_sql` as its latest activity.
void advance_room(kfn::Transaction& tx, std::int64_t room_id, std::int64_t seq, std::string const& now_sql);

// Inserts the message (its id is ignored) and returns the id it got. Throws kfn::SqlError with
// duplicate_key() when the sender already used its client_message_id in the room.
std::int64_t insert_message(kfn::Transaction& tx, Message const& message);

// A room's new last seq and activity time, for advance_rooms.
struct RoomAdvance {
  std::int64_t room_id = 0;
  std::int64_t seq = 0;
  std::string now_sql;
};
// At most kMaxAdvancedRooms rooms in one statement.
inline constexpr std::size_t kMaxAdvancedRooms = 64;
void advance_rooms(kfn::Transaction& tx, std::vector<RoomAdvance> const& rooms);
// Inserts every message in a few multi-row statements; their ids, in order.
std::vector<std::int64_t> insert_messages(kfn::Transaction& tx, std::vector<Message const*> const& messages);

std::optional<Message> find_by_client_message_id(Sql sql, std::int64_t room_id, std::int64_t user_id,
                                                 std::string const& client_message_id);

// Up to query.limit + 1 messages in page order (see make_page).
std::vector<Message> fetch_history(Sql sql, std::int64_t room_id, HistoryQuery const& query);

// The message, its row locked until the transaction ends.
std::optional<Message> lock_message(kfn::Transaction& tx, std::int64_t room_id, std::int64_t message_id);

// Writes content, edited_at and deleted.
void save_message_change(kfn::Transaction& tx, Message const& message);

bool is_member(Sql sql, std::int64_t room_id, std::int64_t user_id);

// The member's read marker; nullopt when not a member.
std::optional<std::int64_t> read_marker(Sql sql, std::int64_t room_id, std::int64_t user_id);

// Moves the marker to `seq` if that is forward; false when it was already there or beyond.
bool advance_read_marker(kfn::Transaction& tx, std::int64_t room_id, std::int64_t user_id, std::int64_t seq);

}  // namespace chat

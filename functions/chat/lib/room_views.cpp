#include "lib/room_views.h"

#include <string>
#include <unordered_map>
#include <unordered_set>

#include "lib/member_ids.h"
#include "lib/users_store.h"

namespace chat {
namespace {

// The viewer's memberships, optionally narrowed to one room: `me` is the viewer's room_members row.
struct Scope {
  std::int64_t viewer = 0;
  std::optional<std::int64_t> room_id;

  [[nodiscard]] std::string where() const {
    return room_id ? " WHERE me.user_id = ? AND me.room_id = ?" : " WHERE me.user_id = ?";
  }
  [[nodiscard]] kfn::SqlParams params() const {
    return room_id ? kfn::SqlParams{viewer, *room_id} : kfn::SqlParams{viewer};
  }
};

struct RoomRow {
  Room room;
  MemberIds member_ids;
};

std::vector<RoomRow> room_rows(Sql sql, Scope const& scope) {
  auto const result = sql.run(
      "SELECT r.id, r.room_type, r.name, r.created_at, r.member_ids FROM room_members me "
      "JOIN rooms r ON r.id = me.room_id" +
          scope.where() + " ORDER BY r.last_activity_at DESC, r.id DESC",
      scope.params());
  std::vector<RoomRow> rows;
  rows.reserve(result.rows.size());
  for (auto const& row : result.rows) {
    RoomRow out;
    out.room.id = row.int64(0);
    out.room.type = row.str(1);
    out.room.name = row.opt_str(2);
    out.room.created_at = row.str(3);
    out.member_ids = parse_member_ids(row.str(4));
    rows.push_back(std::move(out));
  }
  return rows;
}

std::unordered_map<std::int64_t, Message> last_messages(Sql sql, Scope const& scope) {
  auto const result = sql.run("SELECT " + message_columns("msg") +
                                  " FROM room_members me JOIN rooms r ON r.id = me.room_id "
                                  "JOIN messages msg ON msg.room_id = r.id AND msg.seq = r.last_seq" +
                                  scope.where(),
                              scope.params());
  std::unordered_map<std::int64_t, Message> by_room;
  for (auto const& row : result.rows) {
    Message message = message_from_row(row);
    by_room.emplace(message.room_id, std::move(message));
  }
  return by_room;
}

// Messages after the viewer's read marker that others sent, deleted ones included.
std::unordered_map<std::int64_t, std::int64_t> unread_counts(Sql sql, Scope const& scope) {
  auto const result = sql.run(
      "SELECT me.room_id, COUNT(*) FROM room_members me "
      "JOIN messages msg ON msg.room_id = me.room_id AND msg.seq > me.last_read_seq AND msg.user_id <> "
      "me.user_id" +
          scope.where() + " GROUP BY me.room_id",
      scope.params());
  std::unordered_map<std::int64_t, std::int64_t> by_room;
  for (auto const& row : result.rows) by_room.emplace(row.int64(0), row.int64(1));
  return by_room;
}

std::vector<Room> load_rooms(Sql sql, Scope const& scope) {
  auto rows = room_rows(sql, scope);
  if (rows.empty()) return {};
  MemberIds everyone;
  std::unordered_set<std::int64_t> seen;
  for (auto const& row : rows) {
    for (auto const id : row.member_ids) {
      if (seen.insert(id).second) everyone.push_back(id);
    }
  }
  std::unordered_map<std::int64_t, PublicUser> users;
  for (auto& user : load_users(sql, everyone)) users.emplace(user.id, std::move(user));
  auto lasts = last_messages(sql, scope);
  auto const unread = unread_counts(sql, scope);

  std::vector<Room> rooms;
  rooms.reserve(rows.size());
  for (auto& row : rows) {
    Room room = std::move(row.room);
    for (auto const id : row.member_ids) room.members.push_back(users.at(id));
    if (auto last = lasts.find(room.id); last != lasts.end()) room.last_message = std::move(last->second);
    if (auto count = unread.find(room.id); count != unread.end()) room.unread_count = count->second;
    rooms.push_back(std::move(room));
  }
  return rooms;
}

}  // namespace

std::vector<Room> rooms_of(Sql sql, std::int64_t viewer) {
  return load_rooms(sql, Scope{viewer, std::nullopt});
}

std::optional<Room> room_of(Sql sql, std::int64_t viewer, std::int64_t room_id) {
  auto rooms = load_rooms(sql, Scope{viewer, room_id});
  if (rooms.empty()) return std::nullopt;
  return std::move(rooms.front());
}

}  // namespace chat

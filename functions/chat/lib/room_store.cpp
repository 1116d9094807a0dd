#include "lib/room_store.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "lib/id_list.h"

namespace chat {
namespace {

LockedRoom room_from_row(std::int64_t room_id, kfn::Row const& row) {
  LockedRoom room;
  room.id = room_id;
  room.type = row.str(0);
  room.last_seq = row.int64(1);
  room.blocked = row.int64(2) != 0;
  room.members = parse_member_ids(row.str(3));
  return room;
}

void save_member_ids(kfn::Transaction& tx, std::int64_t room_id, MemberIds const& members) {
  tx.execute("UPDATE rooms SET member_ids = ? WHERE id = ?", {format_member_ids(members), room_id});
}

}  // namespace

std::optional<LockedRoom> lock_room(kfn::Transaction& tx, std::int64_t room_id) {
  auto const rows =
      tx.execute("SELECT room_type, last_seq, blocked, member_ids FROM rooms WHERE id = ? FOR UPDATE",
                 {room_id})
          .rows;
  if (rows.empty()) return std::nullopt;
  return room_from_row(room_id, rows.front());
}

// One statement text for any number of rooms: the id list is padded to its fixed length by repeating
// the first id. An IN list on the primary key locks exactly the rows it names.
std::map<std::int64_t, LockedRoom> lock_rooms(kfn::Transaction& tx, std::vector<std::int64_t> room_ids) {
  std::sort(room_ids.begin(), room_ids.end());
  room_ids.erase(std::unique(room_ids.begin(), room_ids.end()), room_ids.end());
  if (room_ids.empty()) return {};
  if (room_ids.size() > kMaxLockedRooms) throw std::invalid_argument("too many rooms to lock at once");
  static std::string const sql = [] {
    std::string text = "SELECT room_type, last_seq, blocked, member_ids, id FROM rooms WHERE id IN (?";
    for (std::size_t i = 1; i < kMaxLockedRooms; ++i) text += ", ?";
    return text + ") ORDER BY id FOR UPDATE";
  }();
  kfn::SqlParams params(kMaxLockedRooms, room_ids.front());
  std::copy(room_ids.begin(), room_ids.end(), params.begin());
  std::map<std::int64_t, LockedRoom> rooms;
  for (auto const& row : tx.execute(sql, params).rows) {
    auto const id = row.int64(4);
    rooms.emplace(id, room_from_row(id, row));
  }
  return rooms;
}

std::optional<LockedRoom> read_room(Sql sql, std::int64_t room_id) {
  auto const rows =
      sql.run("SELECT room_type, last_seq, blocked, member_ids FROM rooms WHERE id = ?", {room_id}).rows;
  if (rows.empty()) return std::nullopt;
  return room_from_row(room_id, rows.front());
}

std::int64_t insert_room(kfn::Transaction& tx, NewRoom const& room) {
  auto const name = room.name ? kfn::SqlValue(*room.name) : kfn::SqlValue(nullptr);
  auto const key = room.direct_key ? kfn::SqlValue(*room.direct_key) : kfn::SqlValue(nullptr);
  auto const result = tx.execute(
      "INSERT INTO rooms (room_type, name, direct_key, created_by, created_at, last_seq, last_activity_at, "
      "blocked, member_ids) VALUES (?, ?, ?, ?, ?, 0, ?, ?, '')",
      {room.type, name, key, room.created_by, room.now_sql, room.now_sql,
       std::int64_t{room.blocked ? 1 : 0}});
  return static_cast<std::int64_t>(result.insert_id);
}

MemberIds add_members(kfn::Transaction& tx, LockedRoom const& room, MemberIds const& joining,
                      std::string const& now_sql) {
  tx.execute(
      "INSERT INTO room_members (room_id, user_id, joined_at, last_read_seq) "
      "SELECT ?, j.id, ?, ? FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) j",
      {room.id, now_sql, room.last_seq, id_list_json(joining)});
  MemberIds after = room.members;
  after.insert(after.end(), joining.begin(), joining.end());
  save_member_ids(tx, room.id, after);
  return after;
}

MemberIds remove_member(kfn::Transaction& tx, LockedRoom const& room, std::int64_t user_id) {
  tx.execute("DELETE FROM room_members WHERE room_id = ? AND user_id = ?", {room.id, user_id});
  MemberIds after = room.members;
  after.erase(std::remove(after.begin(), after.end(), user_id), after.end());
  save_member_ids(tx, room.id, after);
  return after;
}

std::string direct_key(std::int64_t a, std::int64_t b) {
  return std::to_string(std::min(a, b)) + ":" + std::to_string(std::max(a, b));
}

std::optional<std::int64_t> find_direct_room(Sql sql, std::int64_t a, std::int64_t b) {
  auto const rows = sql.run("SELECT id FROM rooms WHERE direct_key = ?", {direct_key(a, b)}).rows;
  if (rows.empty()) return std::nullopt;
  return rows.front().int64(0);
}

}  // namespace chat

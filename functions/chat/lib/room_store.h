// The SQL of rooms and room_members. Every membership change locks the room row and rewrites
// rooms.member_ids in the same transaction, so the column always mirrors room_members.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kfn/db.h"
#include "lib/member_ids.h"
#include "lib/sql.h"

namespace chat {

// A room as writers see it, its row locked until the transaction ends.
struct LockedRoom {
  std::int64_t id = 0;
  std::string type;
  std::int64_t last_seq = 0;
  bool blocked = false;
  MemberIds members;
};

std::optional<LockedRoom> lock_room(kfn::Transaction& tx, std::int64_t room_id);
// Locks the rooms among `room_ids` that exist (at most kMaxLockedRooms distinct ids), in id order.
inline constexpr std::size_t kMaxLockedRooms = 64;
std::map<std::int64_t, LockedRoom> lock_rooms(kfn::Transaction& tx, std::vector<std::int64_t> room_ids);

// The room's type and members without a lock (a consistent read); nullopt when it does not exist.
std::optional<LockedRoom> read_room(Sql sql, std::int64_t room_id);

struct NewRoom {
  std::string type;
  std::optional<std::string> name;
  std::optional<std::string> direct_key;
  std::int64_t created_by = 0;
  std::string now_sql;
  bool blocked = false;
};

// Inserts the room without members and returns its id. Throws kfn::SqlError with duplicate_key()
// when the direct room of the pair exists already.
std::int64_t insert_room(kfn::Transaction& tx, NewRoom const& room);

// Adds `joining` (not members yet) after `room.members`, their read markers at the room's newest
// message, and returns the members after.
MemberIds add_members(kfn::Transaction& tx, LockedRoom const& room, MemberIds const& joining,
                      std::string const& now_sql);

// Removes a member and returns the members after.
MemberIds remove_member(kfn::Transaction& tx, LockedRoom const& room, std::int64_t user_id);

// "low:high", the same for both orders of the pair.
std::string direct_key(std::int64_t a, std::int64_t b);
std::optional<std::int64_t> find_direct_room(Sql sql, std::int64_t a, std::int64_t b);

}  // namespace chat

#include "lib/direct_rooms.h"

#include <stdexcept>

#include "kfn/errors.h"
#include "lib/chat_events.h"
#include "lib/room.h"
#include "lib/room_store.h"
#include "lib/room_views.h"
#include "lib/social_store.h"

namespace chat {
namespace {

// After losing the insert race: a locking read sees the winner's committed row, which this
// transaction's snapshot may predate.
std::int64_t winner_of_race(kfn::Transaction& tx, std::int64_t a, std::int64_t b) {
  auto const rows =
      tx.execute("SELECT id FROM rooms WHERE direct_key = ? LOCK IN SHARE MODE", {direct_key(a, b)}).rows;
  if (rows.empty()) throw std::logic_error("direct room vanished after a duplicate key");
  return rows.front().int64(0);
}

}  // namespace

DirectRoom ensure_direct_room(kfn::Transaction& tx, std::int64_t created_by, std::int64_t other,
                              std::string const& now_sql) {
  if (auto const existing = find_direct_room(tx, created_by, other)) return {*existing, false};
  NewRoom room;
  room.type = kDirectRoom;
  room.direct_key = direct_key(created_by, other);
  room.created_by = created_by;
  room.now_sql = now_sql;
  room.blocked = blocked_between(tx, created_by, other);
  std::int64_t room_id = 0;
  try {
    room_id = insert_room(tx, room);
  } catch (kfn::SqlError const& e) {
    if (!e.duplicate_key()) throw;
    return {winner_of_race(tx, created_by, other), false};
  }
  add_members(tx, LockedRoom{room_id, kDirectRoom, 0, room.blocked, {}}, {created_by, other}, now_sql);
  auto const view = room_of(tx, created_by, room_id);
  if (!view) throw std::logic_error("a room just made is not visible to its creator");
  tx.publish(room_created(*view, created_by));
  return {room_id, true};
}

}  // namespace chat

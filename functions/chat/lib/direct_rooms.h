// The one direct room of a pair: made when a friend request is accepted (chat-friends-projection)
// or on POST /chat/rooms, whichever comes first. The unique direct_key makes racing creators agree
// on one room; only the creator that inserted it publishes RoomCreated.
#pragma once

#include <cstdint>
#include <string>

#include "kfn/db.h"

namespace chat {

struct DirectRoom {
  std::int64_t room_id = 0;
  bool created = false;  // false: it existed already
};

// Finds the pair's direct room or creates it with both as members (`created_by` first), publishing
// RoomCreated in `tx` as `created_by` sees the room.
DirectRoom ensure_direct_room(kfn::Transaction& tx, std::int64_t created_by, std::int64_t other,
                              std::string const& now_sql);

}  // namespace chat

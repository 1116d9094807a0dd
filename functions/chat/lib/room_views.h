// Rooms as one member sees them (API.md's Room): members from the users projection, the newest
// message, and the member's unread count. A handful of statements serve any number of rooms.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "lib/room.h"
#include "lib/sql.h"

namespace chat {

// Every room `viewer` is a member of, most recent activity first.
std::vector<Room> rooms_of(Sql sql, std::int64_t viewer);

// One room; nullopt when it does not exist or `viewer` is not a member.
std::optional<Room> room_of(Sql sql, std::int64_t viewer, std::int64_t room_id);

}  // namespace chat

// A member's read marker (API.md, POST /messages/{room_id}/read): it only moves forward, and never
// past the newest message of the room.
#pragma once

#include <cstdint>

namespace chat {

// The marker after the member says they read up to `requested`.
constexpr std::int64_t next_read_marker(std::int64_t current, std::int64_t requested, std::int64_t last_seq) {
  std::int64_t const reachable = requested < last_seq ? requested : last_seq;
  return reachable > current ? reachable : current;
}

}  // namespace chat

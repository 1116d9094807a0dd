// What GET /presence may show: the caller's own presence and their friends', in the order asked,
// everyone else left out (API.md "Notifications and presence"). Pure.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "lib/projection_store.h"

namespace notify {

inline constexpr std::size_t kMaxPresenceIds = 100;

// Of `requested`, those the caller may see, and who they are (known rows, or offline and never seen).
std::vector<PresenceRow> visible_presence(std::int64_t caller_id, std::vector<std::int64_t> const& requested,
                                          std::set<std::int64_t> const& friends,
                                          std::map<std::int64_t, PresenceRow> const& known);

// {"user_id","online","last_seen_at"}
nlohmann::json presence_json(PresenceRow const& presence);

// The ids whose presence must be looked up: those of `requested` that are the caller or a friend.
std::vector<std::int64_t> visible_ids(std::int64_t caller_id, std::vector<std::int64_t> const& requested,
                                      std::set<std::int64_t> const& friends);

}  // namespace notify

// PublicUser as the chat context shows room members: {id, username, display_name, status_message,
// avatar_url} from its users projection. Presence fields belong to the notify context.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "kfn/db.h"

namespace chat {

struct PublicUser {
  std::int64_t id = 0;
  // Unset while the users projection has not heard of the user yet.
  std::optional<std::string> username;
  std::optional<std::string> display_name;
  std::optional<std::string> status_message;
  std::optional<std::string> avatar_url;
};

// The profile columns public_user_from_row expects, from `users u` (LEFT JOINed: may be NULL).
inline constexpr char kPublicUserColumns[] = "u.username, u.display_name, u.status_message, u.avatar_url";

// `id` comes from the caller (the users row may be missing); the profile from columns first..first+3.
PublicUser public_user_from_row(std::int64_t id, kfn::Row const& row, std::size_t first);

// Unset fields are null.
nlohmann::json public_user_json(PublicUser const& user);

// A user as friend.events snapshots carry it (docs/events.md, PublicUserSnapshot); nullopt when the
// value is not an object with a positive id.
std::optional<PublicUser> public_user_from_snapshot(nlohmann::json const& snapshot);

}  // namespace chat

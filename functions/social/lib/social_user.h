// A user as the social context knows them from user.events, and the API.md shapes built from it:
// PublicUser (without is_online / last_seen_at: presence belongs to the notify context) and the
// PublicUserSnapshot events carry.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "kfn/db.h"

namespace social {

struct SocialUser {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  std::optional<std::string> status_message;
  std::optional<std::string> avatar_url;
};

// The select list social_user_from_row expects first, in this order, for a table aliased `u`.
inline constexpr char kSocialUserColumns[] =
    "u.id, u.username, u.display_name, u.status_message, u.avatar_url";

SocialUser social_user_from_row(kfn::Row const& row);

// {id, username, display_name, status_message, avatar_url}: both PublicUser as this context can
// serve it and PublicUserSnapshot (docs/events.md).
nlohmann::json public_user_json(SocialUser const& user);

// Users known to this context (registered, not only seen in a profile change), by id.
std::map<std::int64_t, SocialUser> find_known_users(kfn::Database& db, std::vector<std::int64_t> const& ids);

// The user from `users`, or one with only the id when the projection lacks them. Routes that act on
// an existing relation use this for event snapshots: both users were known when it began.
SocialUser known_or_bare(std::map<std::int64_t, SocialUser> const& users, std::int64_t id);

}  // namespace social

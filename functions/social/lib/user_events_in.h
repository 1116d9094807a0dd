// The user.events the social context learns its users from (docs/events.md), read into what the
// projection stores, as pure functions: checked, bounded, and turned into one idempotent upsert.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>

#include "kfn/db.h"

namespace social {

// UserRegistered: the user becomes known.
struct Registration {
  std::int64_t user_id = 0;
  std::string username;
  std::string display_name;
  std::string registered_at;  // MySQL DATETIME(3) text
};

// A field of UserProfileUpdated: absent (leave it), null (clear it) or a value.
struct ProfileField {
  bool present = false;
  std::optional<std::string> value;
};

// UserProfileUpdated: only the fields the event carries change.
struct ProfileChange {
  std::int64_t user_id = 0;
  ProfileField display_name;
  ProfileField status_message;
  ProfileField avatar_url;
  std::string updated_at;  // MySQL DATETIME(3) text; orders changes of one user
};

struct IgnoredEvent {};
struct MalformedEvent {
  std::string reason;
};

using UserEvent = std::variant<Registration, ProfileChange, IgnoredEvent, MalformedEvent>;

// `type` is the CloudEvent type; `data` the record value. Other types are IgnoredEvent.
UserEvent read_user_event(std::string const& type, nlohmann::json const& data);

struct Statement {
  std::string sql;
  kfn::SqlParams params;
};

// Insert or update. A registration keeps a display name a profile change already set; a profile
// change older than the one applied last changes nothing.
Statement registration_upsert(Registration const& registration);
Statement profile_upsert(ProfileChange const& change);

// An RFC 3339 time as MySQL DATETIME(3) text; nullopt when it is not one.
std::optional<std::string> sql_time_from_rfc3339(nlohmann::json const& value);

}  // namespace social

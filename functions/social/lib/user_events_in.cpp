#include "lib/user_events_in.h"

#include "common/json_fields.h"
#include "kfn/time.h"

namespace social {
namespace {

constexpr std::size_t kUsernameMaxLength = 20;
constexpr std::size_t kDisplayNameMaxLength = 50;
constexpr std::size_t kStatusMessageMaxLength = 140;
constexpr std::size_t kAvatarUrlMaxLength = 512;

MalformedEvent malformed(common::FieldErrors const& errors) {
  std::string reason;
  for (auto const& [field, problem] : errors.fields()) {
    reason += (reason.empty() ? "" : "; ") + field + " " + problem;
  }
  return {reason};
}

// Usernames are lower-case a-z, 0-9 and '_' (API.md), stored in an ASCII column.
bool is_stored_username(std::string const& name) {
  if (name.empty() || name.size() > kUsernameMaxLength) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

// The event's own time field, else the occurred_at every event carries.
std::optional<std::string> event_time(nlohmann::json const& data, char const* field) {
  if (auto const own = data.find(field); own != data.end()) return sql_time_from_rfc3339(*own);
  if (auto const occurred = data.find("occurred_at"); occurred != data.end()) {
    return sql_time_from_rfc3339(*occurred);
  }
  return std::nullopt;
}

UserEvent read_registration(nlohmann::json const& data) {
  common::FieldErrors errors;
  Registration registration;
  registration.user_id = common::required_id(data, "user_id", errors).value_or(0);
  registration.username =
      common::required_string(data, "username", {1, kUsernameMaxLength}, errors).value_or("");
  if (errors.empty() && !is_stored_username(registration.username))
    errors.add("username", "is not a username");
  auto display_name = common::optional_string(data, "display_name", {1, kDisplayNameMaxLength}, errors);
  registration.display_name = display_name.value_or(registration.username);
  auto const time = event_time(data, "created_at");
  if (!time) errors.add("created_at", "must be an RFC 3339 time");
  if (!errors.empty()) return malformed(errors);
  registration.registered_at = *time;
  return registration;
}

ProfileField profile_field(nlohmann::json const& data, char const* name, std::size_t max_length,
                           common::FieldErrors& errors) {
  auto const field = common::nullable_string(data, name, {0, max_length}, errors);
  return {field.present, field.value};
}

UserEvent read_profile_change(nlohmann::json const& data) {
  common::FieldErrors errors;
  ProfileChange change;
  change.user_id = common::required_id(data, "user_id", errors).value_or(0);
  change.display_name = profile_field(data, "display_name", kDisplayNameMaxLength, errors);
  // Every account has a display name: null cannot clear it.
  if (!change.display_name.value) change.display_name.present = false;
  change.status_message = profile_field(data, "status_message", kStatusMessageMaxLength, errors);
  change.avatar_url = profile_field(data, "avatar_url", kAvatarUrlMaxLength, errors);
  auto const time = event_time(data, "updated_at");
  if (!time) errors.add("updated_at", "must be an RFC 3339 time");
  if (!errors.empty()) return malformed(errors);
  change.updated_at = *time;
  return change;
}

kfn::SqlValue nullable(std::optional<std::string> const& value) {
  return value ? kfn::SqlValue(*value) : kfn::SqlValue(nullptr);
}

}  // namespace

UserEvent read_user_event(std::string const& type, nlohmann::json const& data) {
  if (type != "UserRegistered" && type != "UserProfileUpdated") return IgnoredEvent{};
  if (!data.is_object()) return MalformedEvent{"the data is not a JSON object"};
  return type == "UserRegistered" ? read_registration(data) : read_profile_change(data);
}

Statement registration_upsert(Registration const& registration) {
  // A profile change that came first (profile_updated_at set) holds the newer display name.
  return {
      "INSERT INTO users (id, username, display_name, registered_at) VALUES (?, ?, ?, ?)"
      " ON DUPLICATE KEY UPDATE"
      " display_name = IF(profile_updated_at IS NULL, VALUES(display_name), display_name),"
      " username = VALUES(username), registered_at = VALUES(registered_at)",
      {registration.user_id, registration.username, registration.display_name, registration.registered_at}};
}

Statement profile_upsert(ProfileChange const& change) {
  static constexpr char kNewer[] =
      "profile_updated_at IS NULL OR profile_updated_at <= VALUES(profile_updated_at)";
  Statement statement{"", {change.user_id}};
  std::string columns = "id";
  std::string updates;
  auto add = [&](char const* column, ProfileField const& field) {
    if (!field.present) return;
    columns += std::string(", ") + column;
    statement.params.push_back(nullable(field.value));
    updates += std::string(column) + " = IF(" + kNewer + ", VALUES(" + column + "), " + column + "), ";
  };
  add("display_name", change.display_name);
  add("status_message", change.status_message);
  add("avatar_url", change.avatar_url);
  statement.params.push_back(change.updated_at);
  std::string const placeholders = [&] {
    std::string text = "?";
    for (std::size_t i = 1; i < statement.params.size(); ++i) text += ", ?";
    return text;
  }();
  // profile_updated_at last: the conditions above must compare against the stored, older value.
  statement.sql = "INSERT INTO users (" + columns + ", profile_updated_at) VALUES (" + placeholders +
                  ") ON DUPLICATE KEY UPDATE " + updates + "profile_updated_at = IF(" + kNewer +
                  ", VALUES(profile_updated_at), profile_updated_at)";
  return statement;
}

std::optional<std::string> sql_time_from_rfc3339(nlohmann::json const& value) {
  if (!value.is_string()) return std::nullopt;
  auto const time = kfn::parse_rfc3339(value.get<std::string>());
  if (!time) return std::nullopt;
  return kfn::sql_datetime(*time);
}

}  // namespace social

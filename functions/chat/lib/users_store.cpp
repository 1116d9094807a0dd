#include "lib/users_store.h"

#include <unordered_map>

#include "lib/id_list.h"

namespace chat {
namespace {

kfn::SqlValue optional_text(std::optional<std::string> const& value) {
  return value ? kfn::SqlValue(*value) : kfn::SqlValue(nullptr);
}

}  // namespace

void apply_user_registered(kfn::Transaction& tx, std::int64_t id, std::string const& username,
                           std::string const& display_name, std::string const& at_sql) {
  // Usernames never change; the display name only if nothing newer came from user.events.
  tx.execute(
      "INSERT INTO users (id, username, display_name, status_message, avatar_url, profile_at) "
      "VALUES (?, ?, ?, NULL, NULL, ?) ON DUPLICATE KEY UPDATE username = VALUES(username), "
      "display_name = IF(profile_at IS NULL OR profile_at <= VALUES(profile_at), VALUES(display_name), "
      "display_name), "
      "profile_at = IF(profile_at IS NULL OR profile_at <= VALUES(profile_at), VALUES(profile_at), "
      "profile_at)",
      {id, username, display_name, at_sql});
}

void apply_profile_updated(kfn::Transaction& tx, PublicUser const& profile, std::string const& at_sql) {
  // Each assignment tests the old profile_at, so profile_at itself is assigned last.
  tx.execute(
      "INSERT INTO users (id, username, display_name, status_message, avatar_url, profile_at) "
      "VALUES (?, NULL, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
      "display_name = IF(profile_at IS NULL OR profile_at <= VALUES(profile_at), VALUES(display_name), "
      "display_name), "
      "status_message = IF(profile_at IS NULL OR profile_at <= VALUES(profile_at), VALUES(status_message), "
      "status_message), "
      "avatar_url = IF(profile_at IS NULL OR profile_at <= VALUES(profile_at), VALUES(avatar_url), "
      "avatar_url), "
      "profile_at = IF(profile_at IS NULL OR profile_at <= VALUES(profile_at), VALUES(profile_at), "
      "profile_at)",
      {profile.id, optional_text(profile.display_name), optional_text(profile.status_message),
       optional_text(profile.avatar_url), at_sql});
}

void fill_in_user(kfn::Transaction& tx, PublicUser const& snapshot) {
  tx.execute(
      "INSERT IGNORE INTO users (id, username, display_name, status_message, avatar_url, profile_at) "
      "VALUES (?, ?, ?, ?, ?, NULL)",
      {snapshot.id, optional_text(snapshot.username), optional_text(snapshot.display_name),
       optional_text(snapshot.status_message), optional_text(snapshot.avatar_url)});
}

std::vector<PublicUser> load_users(Sql sql, std::vector<std::int64_t> const& ids) {
  if (ids.empty()) return {};
  auto const rows = sql.run(std::string("SELECT u.id, ") + kPublicUserColumns +
                                " FROM users u WHERE u.id IN (SELECT j.id FROM JSON_TABLE(?, '$[*]' COLUMNS "
                                "(id BIGINT PATH '$')) j)",
                            {id_list_json(ids)})
                        .rows;
  std::unordered_map<std::int64_t, kfn::Row const*> by_id;
  for (auto const& row : rows) by_id.emplace(row.int64(0), &row);
  std::vector<PublicUser> users;
  users.reserve(ids.size());
  for (auto const id : ids) {
    auto const found = by_id.find(id);
    users.push_back(found == by_id.end() ? PublicUser{id, {}, {}, {}, {}}
                                         : public_user_from_row(id, *found->second, 1));
  }
  return users;
}

}  // namespace chat

#include "lib/public_user.h"

#include "lib/json_values.h"

namespace chat {

PublicUser public_user_from_row(std::int64_t id, kfn::Row const& row, std::size_t first) {
  PublicUser user;
  user.id = id;
  user.username = row.opt_str(first);
  user.display_name = row.opt_str(first + 1);
  user.status_message = row.opt_str(first + 2);
  user.avatar_url = row.opt_str(first + 3);
  return user;
}

nlohmann::json public_user_json(PublicUser const& user) {
  return {
      {"id", user.id},
      {"username", nullable(user.username)},
      {"display_name", nullable(user.display_name)},
      {"status_message", nullable(user.status_message)},
      {"avatar_url", nullable(user.avatar_url)},
  };
}

std::optional<PublicUser> public_user_from_snapshot(nlohmann::json const& snapshot) {
  if (!snapshot.is_object()) return std::nullopt;
  auto const id = positive_int(snapshot, "id");
  if (!id) return std::nullopt;
  PublicUser user;
  user.id = *id;
  user.username = string_field(snapshot, "username");
  user.display_name = string_field(snapshot, "display_name");
  user.status_message = string_field(snapshot, "status_message");
  user.avatar_url = string_field(snapshot, "avatar_url");
  return user;
}

}  // namespace chat

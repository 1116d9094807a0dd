#include "lib/social_user.h"

namespace social {
namespace {

nlohmann::json nullable(std::optional<std::string> const& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

}  // namespace

SocialUser social_user_from_row(kfn::Row const& row) {
  SocialUser user;
  user.id = row.int64(0);
  user.username = row.opt_str(1).value_or("");
  // A profile change may have arrived before the registration that sets the name.
  user.display_name = row.opt_str(2).value_or(user.username);
  user.status_message = row.opt_str(3);
  user.avatar_url = row.opt_str(4);
  return user;
}

nlohmann::json public_user_json(SocialUser const& user) {
  return {
      {"id", user.id},
      {"username", user.username},
      {"display_name", user.display_name},
      {"status_message", nullable(user.status_message)},
      {"avatar_url", nullable(user.avatar_url)},
  };
}

std::map<std::int64_t, SocialUser> find_known_users(kfn::Database& db, std::vector<std::int64_t> const& ids) {
  std::map<std::int64_t, SocialUser> users;
  if (ids.empty()) return users;
  std::string sql = std::string("SELECT ") + kSocialUserColumns +
                    " FROM users u WHERE u.username IS NOT NULL AND u.id IN (?";
  for (std::size_t i = 1; i < ids.size(); ++i) sql += ", ?";
  sql += ")";
  kfn::SqlParams params(ids.begin(), ids.end());
  for (auto const& row : db.execute(sql, params).rows) {
    SocialUser user = social_user_from_row(row);
    users.emplace(user.id, std::move(user));
  }
  return users;
}

SocialUser known_or_bare(std::map<std::int64_t, SocialUser> const& users, std::int64_t id) {
  auto const found = users.find(id);
  if (found != users.end()) return found->second;
  SocialUser bare;
  bare.id = id;
  return bare;
}

}  // namespace social

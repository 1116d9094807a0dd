#include "lib/user_events.h"

#include <string>

#include "kfn/time.h"

namespace users {

kfn::DomainEvent user_registered(Account const& account) {
  nlohmann::json data = {
      {"user_id", account.id},
      {"email", account.email},
      {"username", account.username},
      {"display_name", account.display_name},
      {"created_at", kfn::rfc3339_from_sql(account.created_at)},
  };
  return {kUserEventsTopic, std::to_string(account.id), "UserRegistered", std::move(data)};
}

kfn::DomainEvent user_profile_updated(Account const& account) {
  auto const user = user_json(account);
  nlohmann::json data = {
      {"user_id", account.id},
      {"display_name", account.display_name},
      {"status_message", user["status_message"]},
      {"avatar_url", user["avatar_url"]},
      {"updated_at", kfn::rfc3339_from_sql(account.updated_at)},
  };
  return {kUserEventsTopic, std::to_string(account.id), "UserProfileUpdated", std::move(data)};
}

}  // namespace users

// An account as the users context stores it, and the API.md shapes built from it: User (the self
// view) and Token (the answer to a login or refresh).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "kfn/auth.h"
#include "kfn/db.h"

namespace users {

struct Account {
  std::int64_t id = 0;
  std::string email;
  std::string username;
  std::string password_hash;
  std::string display_name;
  std::optional<std::string> status_message;
  std::optional<std::string> avatar_url;
  std::string created_at;  // MySQL DATETIME(3) text, UTC
  std::string updated_at;
};

// The select list account_from_row expects, in this order.
inline constexpr char kAccountColumns[] =
    "id, email, username, password_hash, display_name, status_message, avatar_url, created_at, updated_at";

Account account_from_row(kfn::Row const& row);

// {id, email, username, display_name, status_message, avatar_url, created_at}; unset fields are null.
nlohmann::json user_json(Account const& account);

// {access_token, token_type: "bearer", expires_in, refresh_token, user}.
nlohmann::json token_json(kfn::AccessToken const& access, std::string const& refresh_token,
                          Account const& account);

}  // namespace users

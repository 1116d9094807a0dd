// What a login asks for, read from the OAuth2 password form (POST /auth/login) or from JSON
// (POST /auth/login/json), normalized so both routes look accounts up and count failures alike.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>

#include "common/json_fields.h"

namespace users {

struct LoginAttempt {
  std::string identifier;  // ASCII lower-cased email or username
  bool by_email = false;   // identifiers with '@' are emails: usernames cannot hold one
  std::string password;
};

// Form fields `username` (email or username) and `password`.
std::variant<LoginAttempt, common::FieldErrors> login_from_form(std::string_view form_body);

// `email` or `username`, and `password`.
std::variant<LoginAttempt, common::FieldErrors> login_from_json(nlohmann::json const& body);

}  // namespace users

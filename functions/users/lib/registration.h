// The rules a new account must meet (API.md, POST /auth/register), as pure functions over the
// request body, so every bound can be tested without a server.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "common/json_fields.h"

namespace users {

inline constexpr std::size_t kEmailMaxLength = 254;
inline constexpr std::size_t kUsernameMinLength = 3;
inline constexpr std::size_t kUsernameMaxLength = 20;
inline constexpr std::size_t kPasswordMinLength = 8;
inline constexpr std::size_t kPasswordMaxLength = 128;
inline constexpr std::size_t kDisplayNameMaxLength = 50;

// A registration that passed every rule. username is lower-case; email is as the client wrote it.
struct NewAccount {
  std::string email;
  std::string email_lower;
  std::string username;
  std::string password;
  std::string display_name;
};

// local@domain: an ASCII dot-atom local part of at most 64 characters and a domain of two or more
// labels of letters, digits and inner hyphens, with a top-level label that is not all digits.
bool is_valid_email(std::string_view email);

// 3-20 of a-z, 0-9 and '_', upper-case letters allowed (usernames are case-insensitive).
bool is_valid_username(std::string_view username);

// What is wrong with a password, or nullopt. `email` and `username` are what the client sent.
std::optional<std::string> password_problem(std::string_view password, std::string_view email,
                                            std::string_view username);

// The body checked against every rule; on failure, every field's first problem.
std::variant<NewAccount, common::FieldErrors> validate_registration(nlohmann::json const& body);

}  // namespace users

// The rules for PUT /profile/me (API.md) as pure functions: which fields change, and to what.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "common/json_fields.h"
#include "lib/account.h"

namespace users {

inline constexpr std::size_t kStatusMessageMaxLength = 140;
inline constexpr std::size_t kAvatarUrlMaxLength = 512;

// Only the fields the client sent; unknown fields are ignored.
struct ProfileUpdate {
  std::optional<std::string> display_name;  // set when sent; it cannot be cleared
  common::NullableUpdate status_message;    // "" and null both clear it
  common::NullableUpdate avatar_url;        // null clears it

  [[nodiscard]] bool empty() const { return !display_name && !status_message.present && !avatar_url.present; }
};

// An absolute http:// or https:// URL with a host and no whitespace or control characters.
bool is_valid_avatar_url(std::string_view url);

std::variant<ProfileUpdate, common::FieldErrors> validate_profile_update(nlohmann::json const& body);

// The account after the update (updated_at is the caller's business).
Account apply_profile_update(Account account, ProfileUpdate const& update);

}  // namespace users

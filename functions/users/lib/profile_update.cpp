#include "lib/profile_update.h"

#include "common/utf8.h"
#include "lib/registration.h"

namespace users {
namespace {

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && common::ascii_lower(text.substr(0, prefix.size())) == prefix;
}

// Bytes a URL must never hold: spaces and controls, and '<' '>' '"' that only markup needs.
bool has_unsafe_url_bytes(std::string_view url) {
  for (char c : url) {
    auto const byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F || c == '<' || c == '>' || c == '"' || c == '\\') return true;
  }
  return false;
}

// The host of "user@host:port"; an IPv6 literal keeps its brackets and port.
std::string_view host_of(std::string_view authority) {
  if (std::size_t const at = authority.rfind('@'); at != std::string_view::npos)
    authority.remove_prefix(at + 1);
  if (!authority.empty() && authority.front() == '[') return authority;
  return authority.substr(0, authority.find(':'));
}

}  // namespace

bool is_valid_avatar_url(std::string_view url) {
  std::size_t scheme_end = 0;
  if (starts_with_ignoring_case(url, "https://")) {
    scheme_end = 8;
  } else if (starts_with_ignoring_case(url, "http://")) {
    scheme_end = 7;
  } else {
    return false;
  }
  if (url.size() > kAvatarUrlMaxLength || has_unsafe_url_bytes(url)) return false;
  std::string_view const rest = url.substr(scheme_end);
  return !host_of(rest.substr(0, rest.find_first_of("/?#"))).empty();
}

std::variant<ProfileUpdate, common::FieldErrors> validate_profile_update(nlohmann::json const& body) {
  common::FieldErrors errors;
  ProfileUpdate update;
  update.display_name = common::optional_string(body, "display_name", {1, kDisplayNameMaxLength}, errors);
  if (body.contains("display_name") && body["display_name"].is_null()) {
    errors.add("display_name", "cannot be cleared");
  }
  if (update.display_name && common::has_control_characters(*update.display_name)) {
    errors.add("display_name", "must not contain control characters");
  }
  update.status_message =
      common::nullable_string(body, "status_message", {0, kStatusMessageMaxLength}, errors);
  if (update.status_message.value && update.status_message.value->empty())
    update.status_message.value.reset();
  update.avatar_url = common::nullable_string(body, "avatar_url", {1, kAvatarUrlMaxLength}, errors);
  if (update.avatar_url.value && !is_valid_avatar_url(*update.avatar_url.value)) {
    errors.add("avatar_url", "must be an http:// or https:// URL");
  }
  if (!errors.empty()) return errors;
  return update;
}

Account apply_profile_update(Account account, ProfileUpdate const& update) {
  if (update.display_name) account.display_name = *update.display_name;
  if (update.status_message.present) account.status_message = update.status_message.value;
  if (update.avatar_url.present) account.avatar_url = update.avatar_url.value;
  return account;
}

}  // namespace users

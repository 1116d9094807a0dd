#include "lib/registration.h"

#include <cstring>

#include "common/utf8.h"

namespace users {
namespace {

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// RFC 5322 atext: the characters an unquoted local part may use besides dots.
bool is_atext(char c) {
  return is_ascii_alnum(c) || (c != '\0' && std::strchr("!#$%&'*+/=?^_`{|}~-", c) != nullptr);
}

bool is_valid_local_part(std::string_view local) {
  if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.') return false;
  for (std::size_t i = 0; i < local.size(); ++i) {
    if (local[i] == '.') {
      if (local[i + 1] == '.') return false;  // safe: the last character is not a dot
    } else if (!is_atext(local[i])) {
      return false;
    }
  }
  return true;
}

bool is_valid_label(std::string_view label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
  for (char c : label) {
    if (!is_ascii_alnum(c) && c != '-') return false;
  }
  return true;
}

bool is_valid_domain(std::string_view domain) {
  if (domain.size() > 253) return false;
  std::size_t labels = 0;
  std::string_view last;
  while (true) {
    std::size_t const dot = domain.find('.');
    last = domain.substr(0, dot);
    if (!is_valid_label(last)) return false;
    ++labels;
    if (dot == std::string_view::npos) break;
    domain.remove_prefix(dot + 1);
  }
  bool const numeric_top = last.find_first_not_of("0123456789") == std::string_view::npos;
  return labels >= 2 && !numeric_top;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return common::ascii_lower(a) == common::ascii_lower(b);
}

}  // namespace

bool is_valid_email(std::string_view email) {
  if (email.size() > kEmailMaxLength) return false;
  std::size_t const at = email.rfind('@');
  if (at == std::string_view::npos) return false;
  return is_valid_local_part(email.substr(0, at)) && is_valid_domain(email.substr(at + 1));
}

bool is_valid_username(std::string_view username) {
  if (username.size() < kUsernameMinLength || username.size() > kUsernameMaxLength) return false;
  for (char c : username) {
    if (!is_ascii_alnum(c) && c != '_') return false;
  }
  return true;
}

std::optional<std::string> password_problem(std::string_view password, std::string_view email,
                                            std::string_view username) {
  if (auto problem = common::text_problem(password, {kPasswordMinLength, kPasswordMaxLength})) return problem;
  if (!email.empty() && equals_ignoring_case(password, email)) return "must not be the email";
  if (!username.empty() && equals_ignoring_case(password, username)) return "must not be the username";
  return std::nullopt;
}

std::variant<NewAccount, common::FieldErrors> validate_registration(nlohmann::json const& body) {
  common::FieldErrors errors;
  // Bounds here are generous on purpose: the shape checks below give the precise message.
  auto email = common::required_string(body, "email", {1, kEmailMaxLength}, errors);
  if (email && !is_valid_email(*email)) errors.add("email", "must be a valid email address");
  auto username = common::required_string(body, "username", {kUsernameMinLength, kUsernameMaxLength}, errors);
  if (username && !is_valid_username(*username)) errors.add("username", "may only contain a-z, 0-9 and _");
  auto password = common::required_string(body, "password", {kPasswordMinLength, kPasswordMaxLength}, errors);
  if (password) {
    if (auto problem = password_problem(*password, email.value_or(""), username.value_or(""))) {
      errors.add("password", std::move(*problem));
    }
  }
  auto display_name = common::optional_string(body, "display_name", {1, kDisplayNameMaxLength}, errors);
  if (display_name && common::has_control_characters(*display_name)) {
    errors.add("display_name", "must not contain control characters");
  }
  if (!errors.empty()) return errors;

  std::string lower_username = common::ascii_lower(*username);
  std::string name = display_name ? std::move(*display_name) : lower_username;
  return NewAccount{*email, common::ascii_lower(*email), std::move(lower_username), std::move(*password),
                    std::move(name)};
}

}  // namespace users

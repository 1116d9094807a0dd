#include "lib/login_request.h"

#include "common/utf8.h"
#include "kfn/http.h"
#include "lib/registration.h"

namespace users {
namespace {

// No account can have a longer identifier or password, so longer ones are refused as input.
constexpr common::TextBounds kIdentifierBounds{1, kEmailMaxLength};
constexpr common::TextBounds kPasswordBounds{1, kPasswordMaxLength};

LoginAttempt make_attempt(std::string const& identifier, std::string password) {
  std::string lower = common::ascii_lower(identifier);
  bool const by_email = lower.find('@') != std::string::npos;
  return {std::move(lower), by_email, std::move(password)};
}

// A form field, checked like a JSON string field.
std::optional<std::string> form_field(std::map<std::string, std::string> const& form, std::string const& name,
                                      common::TextBounds bounds, common::FieldErrors& errors) {
  auto const it = form.find(name);
  if (it == form.end()) {
    errors.add(name, "is required");
    return std::nullopt;
  }
  if (auto problem = common::text_problem(it->second, bounds)) {
    errors.add(name, std::move(*problem));
    return std::nullopt;
  }
  return it->second;
}

}  // namespace

std::variant<LoginAttempt, common::FieldErrors> login_from_form(std::string_view form_body) {
  auto const form = kfn::parse_form(form_body);
  common::FieldErrors errors;
  auto identifier = form_field(form, "username", kIdentifierBounds, errors);
  auto password = form_field(form, "password", kPasswordBounds, errors);
  if (!errors.empty()) return errors;
  return make_attempt(*identifier, std::move(*password));
}

std::variant<LoginAttempt, common::FieldErrors> login_from_json(nlohmann::json const& body) {
  common::FieldErrors errors;
  bool const has_email = body.contains("email") && !body["email"].is_null();
  std::optional<std::string> identifier;
  if (has_email) {
    identifier = common::required_string(body, "email", kIdentifierBounds, errors);
  } else if (body.contains("username") && !body["username"].is_null()) {
    identifier = common::required_string(body, "username", kIdentifierBounds, errors);
  } else {
    errors.add("username", "email or username is required");
  }
  auto password = common::required_string(body, "password", kPasswordBounds, errors);
  if (!errors.empty()) return errors;
  return make_attempt(*identifier, std::move(*password));
}

}  // namespace users

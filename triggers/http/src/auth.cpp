#include "auth.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "kfn/errors.h"

namespace kfn::http {
namespace {

HttpResponse unauthorized(std::string_view message) {
  auto response = kfn::error_response(401, "unauthorized", message);
  response.headers.set("WWW-Authenticate", "Bearer");
  return response;
}

HttpResponse unavailable(std::chrono::seconds retry_after) {
  auto response = kfn::error_response(503, "unavailable", "cannot check the token right now");
  response.headers.set("Retry-After", std::to_string(std::max<long long>(1, retry_after.count())));
  return response;
}

std::string_view describe(kfn::host::JwtError error) {
  switch (error) {
    case kfn::host::JwtError::kExpired:
      return "token expired";
    case kfn::host::JwtError::kNotYetValid:
      return "token not yet valid";
    default:
      return "invalid token";
  }
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::optional<std::string_view> bearer_token(std::optional<std::string_view> authorization) {
  if (!authorization) return std::nullopt;
  auto value = *authorization;
  constexpr std::string_view kScheme = "bearer";
  if (value.size() <= kScheme.size() || !equals_ignoring_case(value.substr(0, kScheme.size()), kScheme) ||
      value[kScheme.size()] != ' ') {
    return std::nullopt;
  }
  auto token = value.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  if (token.empty() || token.find(' ') != std::string_view::npos) return std::nullopt;
  return token;
}

AuthOutcome authenticate(HttpRequest const& request, kfn::host::JwtSettings const& settings, Redis& denylist,
                         std::chrono::system_clock::time_point now) {
  auto token = bearer_token(request.headers.get("Authorization"));
  if (!token) return {std::nullopt, unauthorized("missing bearer token")};
  auto verdict = kfn::host::verify_access_token(settings, *token, now);
  if (!verdict.identity) return {std::nullopt, unauthorized(describe(verdict.error))};
  try {
    auto reply = denylist.command({"EXISTS", kfn::host::denylist_key(verdict.identity->jti)});
    if (reply.type != RedisReply::Type::kInteger) throw kfn::Unavailable("unexpected reply to EXISTS");
    if (reply.integer != 0) return {std::nullopt, unauthorized("token revoked")};
  } catch (kfn::Unavailable const& e) {
    return {std::nullopt, unavailable(e.retry_after())};
  }
  return {std::move(verdict.identity), std::nullopt};
}

}  // namespace kfn::http

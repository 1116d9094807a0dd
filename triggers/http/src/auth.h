// Bearer-token authentication for `auth: required` routes: the JWT's own checks, then the Redis
// denylist of revoked token ids.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "kfn/auth.h"
#include "kfn/host/jwt.h"
#include "kfn/http.h"
#include "kfn/redis.h"

namespace kfn::http {

// Exactly one of the two is set.
struct AuthOutcome {
  std::optional<Identity> identity;
  std::optional<HttpResponse> rejection;  // 401 `unauthorized`, or 503 `unavailable` when Redis is down
};

// The token of "Authorization: Bearer <token>" (scheme case-insensitive), or nullopt.
std::optional<std::string_view> bearer_token(std::optional<std::string_view> authorization);

// Never logs or returns the token. Thread-safe as long as `denylist` is.
AuthOutcome authenticate(HttpRequest const& request, kfn::host::JwtSettings const& settings, Redis& denylist,
                         std::chrono::system_clock::time_point now);

}  // namespace kfn::http

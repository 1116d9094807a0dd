// POST /auth/login and /auth/login/json: throttle, then check the password in constant shape
// (an unknown account costs one Argon2id verify too), then start a session.
#pragma once

#include <chrono>
#include <string>

#include "kfn/config.h"
#include "kfn/context.h"
#include "kfn/http.h"
#include "lib/login_rate_limit.h"
#include "lib/login_request.h"
#include "lib/passwords.h"

namespace users {

// Built once per loaded function; read-only afterwards, so invocations share it freely.
struct LoginSettings {
  // A hash of a random password with today's parameters, verified when the account does not
  // exist so that "unknown account" takes as long as "wrong password".
  std::string dummy_hash;
  RateLimitPolicy policy;
  std::chrono::seconds refresh_ttl{0};
};

// Reads the configuration and makes the dummy hash (one Argon2id hash: call it at load time).
LoginSettings make_login_settings(kfn::Config const& config);

kfn::HttpResponse handle_login(LoginAttempt const& attempt, kfn::HttpRequest const& req, kfn::Context& ctx,
                               LoginSettings const& settings);

}  // namespace users

// The users context's error answers, worded once so every route says the same thing.
#pragma once

#include <cstdint>
#include <string>

#include "common/unauthorized.h"
#include "kfn/http.h"

namespace users {

using common::unauthorized;

// The one answer for an unknown account and for a wrong password, byte for byte.
inline kfn::HttpResponse invalid_credentials() {
  return kfn::error_response(401, "invalid_credentials", "Incorrect username or password");
}

inline kfn::HttpResponse rate_limited(std::int64_t retry_after_seconds) {
  auto response = kfn::error_response(429, "rate_limited", "Too many failed logins; try again later");
  response.headers.set("Retry-After", std::to_string(retry_after_seconds));
  return response;
}

}  // namespace users

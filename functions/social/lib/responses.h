// The social context's error answers, worded once so every route says the same thing, and the
// caller every friends route needs.
#pragma once

#include <cstdint>

#include "common/unauthorized.h"
#include "common/value_or_response.h"
#include "kfn/context.h"
#include "kfn/http.h"

namespace social {

using common::unauthorized;

inline kfn::HttpResponse user_not_found() {
  return kfn::error_response(404, "user_not_found", "No such user");
}

inline kfn::HttpResponse request_not_found() {
  return kfn::error_response(404, "request_not_found", "No pending friend request");
}

inline kfn::HttpResponse blocked() {
  return kfn::error_response(403, "blocked", "One of you has blocked the other");
}

// The caller registered a moment ago and user.events has not reached this context yet.
inline kfn::HttpResponse caller_not_known_yet() {
  auto response = kfn::error_response(503, "unavailable", "Your account is still being set up; try again");
  response.headers.set("Retry-After", "1");
  return response;
}

// The verified caller's id (the runtime already refused anonymous calls on these routes).
inline common::ValueOrResponse<std::int64_t> caller_id(kfn::Context const& ctx) {
  kfn::Identity const* caller = ctx.caller();
  if (caller == nullptr) return unauthorized();
  return caller->user_id;
}

}  // namespace social

// POST /auth/refresh: spend a refresh token and hand out a new pair in the same family. A token
// presented a second time means it was copied: the whole family is revoked.
#pragma once

#include <chrono>

#include "kfn/context.h"
#include "kfn/http.h"

namespace users {

kfn::HttpResponse handle_refresh(kfn::HttpRequest const& req, kfn::Context& ctx,
                                 std::chrono::seconds refresh_ttl);

}  // namespace users

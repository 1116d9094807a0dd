// POST /auth/logout: the caller's access token and the refresh family issued with it stop working
// at once.
#pragma once

#include "kfn/context.h"
#include "kfn/http.h"

namespace users {

kfn::HttpResponse handle_logout(kfn::HttpRequest const& req, kfn::Context& ctx);

}  // namespace users

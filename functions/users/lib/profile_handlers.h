// GET and PUT /profile/me: the caller's own account (API.md's User), and changes to its profile
// published as UserProfileUpdated in the same transaction.
#pragma once

#include "kfn/context.h"
#include "kfn/http.h"

namespace users {

kfn::HttpResponse handle_profile_get(kfn::HttpRequest const& req, kfn::Context& ctx);
kfn::HttpResponse handle_profile_put(kfn::HttpRequest const& req, kfn::Context& ctx);

}  // namespace users

// POST /auth/register: validate, refuse taken emails and usernames, hash the password, then store
// the account and its UserRegistered event in one transaction.
#pragma once

#include "kfn/context.h"
#include "kfn/http.h"
#include "lib/passwords.h"

namespace users {

kfn::HttpResponse handle_register(kfn::HttpRequest const& req, kfn::Context& ctx, Argon2Params const& params);

}  // namespace users

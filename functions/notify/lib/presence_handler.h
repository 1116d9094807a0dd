// GET /presence?user_ids=1,2: online state of the caller and of those of the ids who are friends.
#pragma once

#include "kfn/context.h"
#include "kfn/http.h"

namespace notify {

kfn::HttpResponse handle_presence(kfn::HttpRequest const& req, kfn::Context& ctx);

}  // namespace notify

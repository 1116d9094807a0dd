// GET /notifications and POST /notifications/read: the caller's own notifications only.
#pragma once

#include "common/unauthorized.h"
#include "kfn/context.h"
#include "kfn/http.h"

namespace notify {

kfn::HttpResponse handle_list_notifications(kfn::HttpRequest const& req, kfn::Context& ctx);
kfn::HttpResponse handle_mark_notifications_read(kfn::HttpRequest const& req, kfn::Context& ctx);

// The answer to a request without a verified caller (the runtime answers it first on auth routes).
using common::unauthorized;

}  // namespace notify

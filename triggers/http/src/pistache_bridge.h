// Conversion from Pistache's request to the kfn::HttpRequest that functions see.
#pragma once

#include <pistache/http.h>

#include "kfn/http.h"

namespace kfn::http {

// Copies what a function needs: Pistache reuses the request's storage after onRequest returns.
HttpRequest to_kfn_request(Pistache::Http::Request const& request);

}  // namespace kfn::http

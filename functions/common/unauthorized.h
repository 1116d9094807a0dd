// The 401 every chat context answers when a route that needs a caller has none, worded once.
#pragma once

#include "kfn/http.h"

namespace common {

inline kfn::HttpResponse unauthorized() {
  return kfn::error_response(401, "unauthorized", "Missing, invalid, expired or revoked credentials");
}

}  // namespace common

// The request body as a JSON object, or API.md's 400 `invalid_json` answer when it is not one.
//   auto body = common::json_object_body(req);
//   if (!body.ok()) return body.response();
#pragma once

#include <nlohmann/json.hpp>

#include "common/value_or_response.h"
#include "kfn/http.h"

namespace common {

ValueOrResponse<nlohmann::json> json_object_body(kfn::HttpRequest const& req);

}  // namespace common

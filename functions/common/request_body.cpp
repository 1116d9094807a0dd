#include "common/request_body.h"

namespace common {

ValueOrResponse<nlohmann::json> json_object_body(kfn::HttpRequest const& req) {
  auto body = kfn::parse_json_object(req.body);
  if (!body) return kfn::error_response(400, "invalid_json", "The body must be a JSON object");
  return std::move(*body);
}

}  // namespace common

// CORS for browser clients: which origins may call, the headers that tell the browser so, and
// answers to preflight requests.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kfn/http.h"

namespace kfn::http {

// Immutable after construction; thread-safe.
class CorsPolicy {
 public:
  // Exact origins ("https://chat.example.com"), or "*" for any.
  explicit CorsPolicy(std::vector<std::string> allowed_origins);

  [[nodiscard]] bool allows(std::string_view origin) const;
  // OPTIONS with Origin and Access-Control-Request-Method.
  [[nodiscard]] static bool is_preflight(HttpRequest const& request);
  // 204 for a preflight to a path served under `path_methods`; CORS headers only when the origin
  // is allowed and the requested method is one of them (otherwise the browser refuses the call).
  [[nodiscard]] HttpResponse preflight(HttpRequest const& request,
                                       std::vector<std::string> const& path_methods) const;
  // Adds Access-Control-Allow-Origin (and Vary: Origin) to a response for an allowed origin.
  void decorate(HttpResponse& response, std::optional<std::string_view> origin) const;

 private:
  std::vector<std::string> allowed_origins_;
  bool any_origin_ = false;
};

}  // namespace kfn::http

#include "cors.h"

#include <algorithm>

namespace kfn::http {
namespace {

constexpr char kDefaultAllowedHeaders[] =
    "Authorization, Content-Type, X-Request-Id, traceparent, Last-Event-ID";
constexpr char kExposedHeaders[] = "X-Request-Id, Retry-After";
constexpr char kPreflightMaxAgeSeconds[] = "600";

std::string join(std::vector<std::string> const& items, std::string_view separator) {
  std::string out;
  for (auto const& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

// A comma-separated list of header names, safe to repeat back to the browser.
bool is_header_name_list(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == ',' || c == ' ';
  });
}

}  // namespace

CorsPolicy::CorsPolicy(std::vector<std::string> allowed_origins)
    : allowed_origins_(std::move(allowed_origins)) {
  any_origin_ = std::find(allowed_origins_.begin(), allowed_origins_.end(), "*") != allowed_origins_.end();
}

bool CorsPolicy::allows(std::string_view origin) const {
  if (origin.empty()) return false;
  if (any_origin_) return true;
  return std::find(allowed_origins_.begin(), allowed_origins_.end(), origin) != allowed_origins_.end();
}

bool CorsPolicy::is_preflight(HttpRequest const& request) {
  return request.method == "OPTIONS" && request.headers.get("Origin").has_value() &&
         request.headers.get("Access-Control-Request-Method").has_value();
}

HttpResponse CorsPolicy::preflight(HttpRequest const& request,
                                   std::vector<std::string> const& path_methods) const {
  HttpResponse response = kfn::no_content();
  response.headers.set("Allow", join(path_methods, ", "));
  auto origin = request.headers.get("Origin");
  auto requested_method = request.headers.get("Access-Control-Request-Method").value_or("");
  bool method_served =
      std::find(path_methods.begin(), path_methods.end(), requested_method) != path_methods.end();
  if (!origin || !allows(*origin) || !method_served) return response;

  auto requested_headers = request.headers.get("Access-Control-Request-Headers");
  bool echo_headers = requested_headers && is_header_name_list(*requested_headers);
  response.headers.set("Access-Control-Allow-Methods", join(path_methods, ", "));
  response.headers.set("Access-Control-Allow-Headers",
                       echo_headers ? std::string(*requested_headers) : kDefaultAllowedHeaders);
  response.headers.set("Access-Control-Max-Age", kPreflightMaxAgeSeconds);
  return response;
}

void CorsPolicy::decorate(HttpResponse& response, std::optional<std::string_view> origin) const {
  if (!origin || !allows(*origin)) return;
  // Echoing the origin (never "*") keeps responses correct for credentialed requests too, and
  // Vary tells caches the answer depends on it.
  response.headers.set("Access-Control-Allow-Origin", std::string(*origin));
  response.headers.add("Vary", "Origin");
  response.headers.set("Access-Control-Expose-Headers", kExposedHeaders);
}

}  // namespace kfn::http

// The checks a request passes before its function runs that need nothing but the request and its
// route: body size (413) and media type (415). Each returns the error response, or nullopt.
#pragma once

#include <optional>
#include <string_view>

#include "kfn/host/manifest.h"
#include "kfn/http.h"

namespace kfn::http {

// 413 `payload_too_large` when the declared Content-Length or the actual body exceeds the route's limit.
std::optional<HttpResponse> check_body_size(kfn::host::HttpRoute const& route, HttpRequest const& request);

// 415 `unsupported_media_type` when a non-empty body's media type (parameters and case ignored) is
// not one of the route's content types. A request without a body needs no Content-Type.
std::optional<HttpResponse> check_content_type(kfn::host::HttpRoute const& route, HttpRequest const& request);

// "Application/JSON; charset=utf-8" -> "application/json".
std::string media_type_of(std::string_view content_type);

}  // namespace kfn::http

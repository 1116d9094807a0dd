#include "request_checks.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>

namespace kfn::http {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// A Content-Length that is not a plain number counts as too large: it cannot be trusted.
bool declared_length_exceeds(std::string_view declared, std::size_t limit) {
  declared = trim(declared);
  std::size_t length = 0;
  auto [end, error] = std::from_chars(declared.data(), declared.data() + declared.size(), length);
  if (error != std::errc() || end != declared.data() + declared.size()) return true;
  return length > limit;
}

}  // namespace

std::string media_type_of(std::string_view content_type) {
  auto media = trim(content_type.substr(0, content_type.find(';')));
  std::string lowered(media);
  std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lowered;
}

std::optional<HttpResponse> check_body_size(kfn::host::HttpRoute const& route, HttpRequest const& request) {
  auto declared = request.headers.get("Content-Length");
  bool too_large = request.body.size() > route.body_limit ||
                   (declared && declared_length_exceeds(*declared, route.body_limit));
  if (!too_large) return std::nullopt;
  return kfn::error_response(413, "payload_too_large",
                             "request body exceeds " + std::to_string(route.body_limit) + " bytes");
}

std::optional<HttpResponse> check_content_type(kfn::host::HttpRoute const& route,
                                               HttpRequest const& request) {
  if (request.body.empty()) return std::nullopt;
  auto media = media_type_of(request.headers.get("Content-Type").value_or(""));
  bool accepted = std::any_of(route.content_types.begin(), route.content_types.end(),
                              [&](std::string const& allowed) { return media_type_of(allowed) == media; });
  if (accepted) return std::nullopt;
  std::string expected;
  for (auto const& allowed : route.content_types) expected += (expected.empty() ? "" : ", ") + allowed;
  return kfn::error_response(415, "unsupported_media_type", "request body must be one of: " + expected);
}

}  // namespace kfn::http

#include "binary_mode.h"

#include <algorithm>

namespace kfn::cloudevents {
namespace {

constexpr std::string_view kPrefix = "ce-";

std::string lower_case(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_attribute_name(std::string_view name) {
  return !name.empty() &&
         std::ranges::all_of(name, [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
}

}  // namespace

WireResult read_binary_mode(kfn::HttpRequest const& request) {
  WireEvent event;
  for (auto const& [raw_name, value] : request.headers) {
    auto name = lower_case(raw_name);
    if (!name.starts_with(kPrefix)) continue;
    auto attribute = name.substr(kPrefix.size());
    if (!is_attribute_name(attribute)) {
      return WireError{"header " + name + ": CloudEvent attribute names are lower-case letters and digits"};
    }
    if (event.attributes.contains(attribute)) return WireError{"header " + name + " appears twice"};
    event.attributes.emplace(std::move(attribute), kfn::percent_decode(value));
  }
  if (auto content_type = request.headers.get("Content-Type")) {
    event.attributes["datacontenttype"] = std::string(*content_type);
  }
  event.data = request.body;
  return event;
}

}  // namespace kfn::cloudevents

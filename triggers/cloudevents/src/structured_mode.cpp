#include "structured_mode.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <optional>

namespace kfn::cloudevents {
namespace {

bool is_attribute_name(std::string_view name) {
  return !name.empty() &&
         std::ranges::all_of(name, [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
}

// Standard base64 (RFC 4648 section 4) with padding; nullopt on any other character.
std::optional<std::string> base64_decode(std::string_view text) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    auto index = kAlphabet.find(c);
    if (index == std::string_view::npos) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(index);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

// Attribute values are strings on the wire; the JSON format allows numbers and booleans for
// extensions (integer, boolean types), which are kept in their canonical string form.
std::optional<std::string> attribute_value(nlohmann::json const& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean() || value.is_number_integer()) return value.dump();
  return std::nullopt;
}

bool is_json_media_type(std::string const& media_type) {
  return media_type.empty() || media_type.starts_with("application/json") ||
         media_type.find("+json") != std::string::npos;
}

}  // namespace

bool is_structured_mode(std::string_view content_type) {
  auto const media_type = content_type.substr(0, content_type.find(';'));
  std::string lower(media_type);
  std::ranges::transform(lower, lower.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  while (!lower.empty() && lower.back() == ' ') lower.pop_back();
  return lower == "application/cloudevents+json";
}

WireResult read_structured_mode(std::string_view body) {
  auto document = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!document.is_object()) return WireError{"the body is not a JSON object (structured-mode CloudEvent)"};
  WireEvent event;
  nlohmann::json const* data = nullptr;
  nlohmann::json const* data_base64 = nullptr;
  for (auto const& [name, value] : document.items()) {
    if (name == "data") {
      data = &value;
      continue;
    }
    if (name == "data_base64") {
      data_base64 = &value;
      continue;
    }
    if (!is_attribute_name(name)) {
      return WireError{"\"" + name + "\": CloudEvent attribute names are lower-case letters and digits"};
    }
    if (value.is_null()) continue;  // the format allows null for an absent attribute
    auto text = attribute_value(value);
    if (!text) return WireError{"\"" + name + "\" must be a string"};
    event.attributes.emplace(name, std::move(*text));
  }
  if (data && data_base64) return WireError{"\"data\" and \"data_base64\" are mutually exclusive"};
  if (data_base64) {
    auto decoded = data_base64->is_string() ? base64_decode(data_base64->get<std::string>()) : std::nullopt;
    if (!decoded) return WireError{"\"data_base64\" is not valid base64"};
    event.data = std::move(*decoded);
  } else if (data && !data->is_null()) {
    // A string is the data itself unless the data is JSON, where it is a JSON string value.
    auto media_type = event.get("datacontenttype").value_or("");
    event.data =
        data->is_string() && !is_json_media_type(media_type) ? data->get<std::string>() : data->dump();
  }
  if (data && !event.attributes.contains("datacontenttype"))
    event.attributes["datacontenttype"] = "application/json";
  return event;
}

}  // namespace kfn::cloudevents

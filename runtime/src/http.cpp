// HTTP helpers of the public function API: headers, query and form decoding, API.md's JSON bodies.
#include "kfn/http.h"

#include <algorithm>
#include <cctype>

namespace kfn {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Shared by query strings and form bodies, which both treat '+' as a space.
std::string decode_component(std::string_view text) {
  std::string plus_as_space(text);
  std::replace(plus_as_space.begin(), plus_as_space.end(), '+', ' ');
  return percent_decode(plus_as_space);
}

// Calls visit(decoded_key, raw_value) for each '&'-separated pair until it returns true.
template <typename Visit>
void for_each_pair(std::string_view text, Visit visit) {
  while (!text.empty()) {
    auto const amp = text.find('&');
    std::string_view const pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view{} : text.substr(amp + 1);
    if (pair.empty()) continue;
    auto const eq = pair.find('=');
    std::string_view const key = pair.substr(0, eq);
    std::string_view const value = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
    if (visit(decode_component(key), value)) return;
  }
}

}  // namespace

void Headers::add(std::string name, std::string value) {
  fields_.emplace_back(std::move(name), std::move(value));
}

void Headers::set(std::string name, std::string value) {
  remove(name);
  add(std::move(name), std::move(value));
}

void Headers::remove(std::string_view name) {
  std::erase_if(fields_, [&](Field const& f) { return iequals(f.first, name); });
}

std::optional<std::string_view> Headers::get(std::string_view name) const {
  for (auto const& [key, value] : fields_) {
    if (iequals(key, name)) return std::string_view(value);
  }
  return std::nullopt;
}

std::optional<std::string> HttpRequest::path_param(std::string_view name) const {
  for (auto const& [key, value] : path_params) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::optional<std::string> HttpRequest::query_param(std::string_view name) const {
  std::optional<std::string> found;
  for_each_pair(query, [&](std::string const& key, std::string_view value) {
    if (key != name) return false;
    found = decode_component(value);
    return true;
  });
  return found;
}

HttpResponse json_response(int status, nlohmann::json const& body) {
  HttpResponse response;
  response.status = status;
  response.headers.set("Content-Type", "application/json; charset=utf-8");
  // Replace invalid UTF-8 rather than throw: a response must always be producible.
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

HttpResponse error_response(int status, std::string_view code, std::string_view message) {
  nlohmann::json const body = {{"error", {{"code", std::string(code)}, {"message", std::string(message)}}}};
  return json_response(status, body);
}

HttpResponse validation_error(std::map<std::string, std::string> const& fields) {
  nlohmann::json body = {
      {"error", {{"code", "validation_failed"}, {"message", "Request validation failed"}}}};
  body["error"]["fields"] = nlohmann::json::object();
  for (auto const& [name, problem] : fields) body["error"]["fields"][name] = problem;
  return json_response(422, body);
}

HttpResponse no_content() {
  HttpResponse response;
  response.status = 204;
  return response;
}

std::map<std::string, std::string> parse_form(std::string_view body) {
  std::map<std::string, std::string> form;
  for_each_pair(body, [&](std::string const& key, std::string_view value) {
    form.try_emplace(key, decode_component(value));
    return false;
  });
  return form;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int const hi = hex_value(text[i + 1]);
      int const lo = hex_value(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    // A malformed escape is kept literally: lenient, like most servers.
    out.push_back(text[i]);
  }
  return out;
}

std::optional<nlohmann::json> parse_json_object(std::string_view body) {
  auto parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) return std::nullopt;
  return parsed;
}

}  // namespace kfn

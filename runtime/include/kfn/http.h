// HTTP request and response as a function sees them, plus the helpers that build API.md's bodies.
// Example: return kfn::json_response(201, {{"id", id}});
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace kfn {

// An ordered list of header fields; lookups ignore case as HTTP requires.
class Headers {
 public:
  using Field = std::pair<std::string, std::string>;

  void add(std::string name, std::string value);
  // Replaces every field of that name with one field.
  void set(std::string name, std::string value);
  void remove(std::string_view name);
  [[nodiscard]] std::optional<std::string_view> get(std::string_view name) const;
  [[nodiscard]] bool empty() const { return fields_.empty(); }
  [[nodiscard]] std::vector<Field>::const_iterator begin() const { return fields_.begin(); }
  [[nodiscard]] std::vector<Field>::const_iterator end() const { return fields_.end(); }

 private:
  std::vector<Field> fields_;
};

struct HttpRequest {
  std::string method;  // upper case: GET, POST, ...
  std::string path;    // without the query string, percent-decoding left to the caller
  std::string query;   // raw query string, without '?'
  Headers headers;
  std::string body;
  std::string remote_address;  // the peer's IP address
  // Values bound by the route template, e.g. {"room_id", "42"} for /messages/{room_id}.
  std::vector<std::pair<std::string, std::string>> path_params;

  [[nodiscard]] std::optional<std::string> path_param(std::string_view name) const;
  // Percent-decoded value of the first `name=` in the query string.
  [[nodiscard]] std::optional<std::string> query_param(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  Headers headers;
  std::string body;
};

// 'application/json; charset=utf-8' response with a serialized body.
HttpResponse json_response(int status, nlohmann::json const& body);
// API.md's error body: {"error": {"code": ..., "message": ...}}.
HttpResponse error_response(int status, std::string_view code, std::string_view message);
// 422 validation_failed with "fields": {name: what is wrong}.
HttpResponse validation_error(std::map<std::string, std::string> const& fields);
HttpResponse no_content();

// Decodes application/x-www-form-urlencoded text ('+' is a space). Repeated keys keep the first.
std::map<std::string, std::string> parse_form(std::string_view body);
std::string percent_decode(std::string_view text);

// Parses a request body as a JSON object; nullopt when it is not valid JSON or not an object.
std::optional<nlohmann::json> parse_json_object(std::string_view body);

}  // namespace kfn

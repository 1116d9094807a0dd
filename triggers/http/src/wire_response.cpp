#include "wire_response.h"

#include <pistache/http_defs.h>

#include <algorithm>
#include <cctype>
#include <string_view>

namespace kfn::http {
namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool is_token(std::string_view name) {
  static constexpr std::string_view kSpecials = "!#$%&'*+-.^_`|~";
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || kSpecials.find(c) != std::string_view::npos;
  });
}

bool is_field_value(std::string_view value) {
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

bool owned_by_server(std::string_view name) {
  return equals_ignoring_case(name, "Content-Length") || equals_ignoring_case(name, "Connection") ||
         equals_ignoring_case(name, "Transfer-Encoding");
}

bool has_no_body(int status) { return (status >= 100 && status < 200) || status == 204 || status == 304; }

void append_status_and_fields(std::string& out, HttpResponse const& response, bool http_1_1) {
  out += http_1_1 ? "HTTP/1.1 " : "HTTP/1.0 ";
  out += std::to_string(response.status);
  out += ' ';
  out += Pistache::Http::codeString(static_cast<Pistache::Http::Code>(response.status));
  out += "\r\n";
  for (auto const& [name, value] : response.headers) {
    if (!is_token(name) || !is_field_value(value) || owned_by_server(name)) continue;
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  }
}

}  // namespace

std::string serialize_stream_head(HttpResponse const& head, bool http_1_1) {
  std::string out;
  out.reserve(256);
  append_status_and_fields(out, head, http_1_1);
  out +=
      http_1_1 ? "Transfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
  return out;
}

std::string serialize_response(HttpResponse const& response, bool http_1_1, bool keep_alive) {
  bool const bodyless = has_no_body(response.status);
  std::string out;
  out.reserve(128 + response.body.size());
  append_status_and_fields(out, response, http_1_1);
  if (!bodyless) out += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
  out += keep_alive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
  if (!bodyless) out += response.body;
  return out;
}

}  // namespace kfn::http

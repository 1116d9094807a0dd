#include "request_id.h"

#include <algorithm>

#include "random_hex.h"

namespace kfn::http {

bool is_acceptable_request_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxRequestIdLength) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

std::string choose_request_id(std::optional<std::string_view> client_id) {
  if (client_id && is_acceptable_request_id(*client_id)) return std::string(*client_id);
  return random_hex(16);
}

}  // namespace kfn::http

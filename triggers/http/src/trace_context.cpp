#include "trace_context.h"

#include <algorithm>

#include "random_hex.h"

namespace kfn::http {
namespace {

bool is_lower_hex(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool all_zero(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == '0'; });
}

}  // namespace

bool is_valid_traceparent(std::string_view value) {
  constexpr std::size_t kLength = 55;  // 2 + 1 + 32 + 1 + 16 + 1 + 2
  if (value.size() < kLength) return false;
  auto version = value.substr(0, 2);
  auto trace_id = value.substr(3, 32);
  auto parent_id = value.substr(36, 16);
  auto flags = value.substr(53, 2);
  if (value[2] != '-' || value[35] != '-' || value[52] != '-') return false;
  if (!is_lower_hex(version) || !is_lower_hex(trace_id) || !is_lower_hex(parent_id) || !is_lower_hex(flags)) {
    return false;
  }
  if (version == "ff" || all_zero(trace_id) || all_zero(parent_id)) return false;
  if (value.size() == kLength) return true;
  return version != "00" && value[kLength] == '-';
}

std::string make_traceparent() { return "00-" + random_hex(16) + "-" + random_hex(8) + "-01"; }

std::string choose_traceparent(std::optional<std::string_view> from_request) {
  if (from_request && is_valid_traceparent(*from_request)) return std::string(*from_request);
  return make_traceparent();
}

}  // namespace kfn::http

#include "keep_alive.h"

#include <algorithm>
#include <cctype>

namespace kfn::http {
namespace {

bool has_option(std::string_view list, std::string_view option) {
  while (!list.empty()) {
    auto comma = list.find(',');
    auto item = list.substr(0, comma);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    bool same =
        item.size() == option.size() &&
        std::equal(item.begin(), item.end(), option.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        });
    if (same) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

bool client_wants_keep_alive(bool http_1_1, std::optional<std::string_view> connection) {
  auto options = connection.value_or("");
  if (has_option(options, "close")) return false;
  return http_1_1 || has_option(options, "keep-alive");
}

}  // namespace kfn::http

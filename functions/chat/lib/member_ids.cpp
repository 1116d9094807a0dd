#include "lib/member_ids.h"

#include <algorithm>
#include <charconv>

namespace chat {

MemberIds parse_member_ids(std::string_view text) {
  MemberIds ids;
  while (!text.empty()) {
    auto const comma = text.find(',');
    auto const item = text.substr(0, comma);
    std::int64_t id = 0;
    auto const [end, error] = std::from_chars(item.data(), item.data() + item.size(), id);
    if (error == std::errc() && end == item.data() + item.size() && id > 0) ids.push_back(id);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return ids;
}

std::string format_member_ids(MemberIds const& ids) {
  std::string text;
  for (auto const id : ids) {
    if (!text.empty()) text += ',';
    text += std::to_string(id);
  }
  return text;
}

bool contains(MemberIds const& ids, std::int64_t id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace chat

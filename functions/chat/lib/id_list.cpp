#include "lib/id_list.h"

namespace chat {

std::string id_list_json(std::vector<std::int64_t> const& ids) {
  std::string text = "[";
  for (auto const id : ids) {
    if (text.size() > 1) text += ',';
    text += std::to_string(id);
  }
  text += ']';
  return text;
}

}  // namespace chat

// A small scan of the statistics JSON: it arrives every commit interval and can be large (one entry
// per broker and partition), while only two strings of it matter here.
#include "group_state.h"

namespace kfn::kafka {
namespace {

// The string value of "key" at or after `from`, e.g. "join_state": "steady" -> steady.
std::optional<std::string> string_value(std::string_view json, std::size_t from, std::string_view key) {
  std::string const quoted = "\"" + std::string(key) + "\"";
  auto at = json.find(quoted, from);
  if (at == std::string_view::npos) return std::nullopt;
  at = json.find_first_not_of(" \t\r\n", at + quoted.size());
  if (at == std::string_view::npos || json[at] != ':') return std::nullopt;
  at = json.find_first_not_of(" \t\r\n", at + 1);
  if (at == std::string_view::npos || json[at] != '"') return std::nullopt;
  auto end = json.find('"', at + 1);
  if (end == std::string_view::npos) return std::nullopt;
  return std::string(json.substr(at + 1, end - at - 1));
}

}  // namespace

std::optional<GroupState> group_state_from_stats(std::string_view json) {
  auto group = json.find("\"cgrp\"");
  if (group == std::string_view::npos) return std::nullopt;
  auto object_end = json.find('}', group);
  auto object = json.substr(0, object_end == std::string_view::npos ? json.size() : object_end);
  auto state = string_value(object, group, "state");
  auto join_state = string_value(object, group, "join_state");
  if (!state || !join_state) return std::nullopt;
  return GroupState{*state, *join_state};
}

}  // namespace kfn::kafka

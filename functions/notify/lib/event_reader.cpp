#include "lib/event_reader.h"

#include <algorithm>
#include <limits>

#include "kfn/time.h"

namespace notify {

using nlohmann::json;

std::int64_t json_id(json const& value) {
  if (value.is_number_unsigned()) {
    auto const raw = value.get<std::uint64_t>();
    bool const fits = raw <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    return fits ? static_cast<std::int64_t>(raw) : 0;
  }
  if (value.is_number_integer()) return std::max<std::int64_t>(value.get<std::int64_t>(), 0);
  return 0;
}

json const* EventReader::find(std::string_view name) const {
  if (!data_.is_object()) return nullptr;
  auto const it = data_.find(name);
  return it == data_.end() ? nullptr : &*it;
}

void EventReader::fail(std::string_view name, std::string_view what) {
  if (problem_.empty()) problem_ = std::string(name) + " " + std::string(what);
}

std::int64_t EventReader::id(std::string_view name) {
  json const* value = find(name);
  std::int64_t const id = value == nullptr ? 0 : json_id(*value);
  if (id == 0) fail(name, "must be a positive integer id");
  return id;
}

std::vector<std::int64_t> EventReader::id_list(std::string_view name) {
  json const* value = find(name);
  std::vector<std::int64_t> ids;
  if (value == nullptr || !value->is_array() || value->size() > kMaxEventMembers) {
    fail(name, "must be a list of at most " + std::to_string(kMaxEventMembers) + " ids");
    return ids;
  }
  for (auto const& item : *value) {
    std::int64_t const id = json_id(item);
    if (id == 0) {
      fail(name, "must hold only positive integer ids");
      return {};
    }
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  return ids;
}

json EventReader::object(std::string_view name) {
  json const* value = find(name);
  if (value == nullptr || !value->is_object()) {
    fail(name, "must be an object");
    return json::object();
  }
  return *value;
}

json EventReader::public_user(std::string_view name) {
  json const snapshot = object(name);
  if (!ok()) return snapshot;
  json user = json::object();
  for (char const* field : {"id", "username", "display_name", "status_message", "avatar_url"}) {
    auto const it = snapshot.find(field);
    user[field] = it == snapshot.end() ? json(nullptr) : *it;
  }
  if (json_id(user["id"]) == 0) fail(name, "must carry the user's id");
  return user;
}

bool EventReader::boolean(std::string_view name) {
  json const* value = find(name);
  if (value == nullptr || !value->is_boolean()) {
    fail(name, "must be true or false");
    return false;
  }
  return value->get<bool>();
}

json EventReader::optional_time(std::string_view name) {
  json const* value = find(name);
  if (value == nullptr || value->is_null()) return nullptr;
  if (!value->is_string() || !kfn::parse_rfc3339(value->get<std::string>())) {
    fail(name, "must be an RFC 3339 time or null");
    return nullptr;
  }
  return *value;
}

std::string EventReader::optional_string(std::string_view name) {
  json const* value = find(name);
  if (value == nullptr || value->is_null()) return {};
  if (!value->is_string()) {
    fail(name, "must be a string");
    return {};
  }
  return value->get<std::string>();
}

}  // namespace notify

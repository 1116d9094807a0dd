#include "lib/presence_view.h"

namespace notify {

std::vector<std::int64_t> visible_ids(std::int64_t caller_id, std::vector<std::int64_t> const& requested,
                                      std::set<std::int64_t> const& friends) {
  std::vector<std::int64_t> visible;
  for (std::int64_t const id : requested) {
    if (id == caller_id || friends.count(id) != 0) visible.push_back(id);
  }
  return visible;
}

std::vector<PresenceRow> visible_presence(std::int64_t caller_id, std::vector<std::int64_t> const& requested,
                                          std::set<std::int64_t> const& friends,
                                          std::map<std::int64_t, PresenceRow> const& known) {
  std::vector<PresenceRow> shown;
  for (std::int64_t const id : visible_ids(caller_id, requested, friends)) {
    auto const found = known.find(id);
    shown.push_back(found == known.end() ? PresenceRow{id, false, ""} : found->second);
  }
  return shown;
}

nlohmann::json presence_json(PresenceRow const& presence) {
  return {{"user_id", presence.user_id},
          {"online", presence.online},
          {"last_seen_at",
           presence.last_seen_at.empty() ? nlohmann::json(nullptr) : nlohmann::json(presence.last_seen_at)}};
}

}  // namespace notify

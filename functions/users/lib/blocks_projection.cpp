#include "lib/blocks_projection.h"

#include <chrono>

#include "common/json_fields.h"
#include "kfn/time.h"

namespace users {
namespace {

std::optional<std::chrono::system_clock::time_point> occurred_at(nlohmann::json const& data) {
  auto const field = data.find("occurred_at");
  if (field == data.end() || !field->is_string()) return std::nullopt;
  return kfn::parse_rfc3339(field->get<std::string>());
}

}  // namespace

FriendEvent read_friend_event(std::string const& type, nlohmann::json const& data) {
  if (type != "UserBlocked" && type != "UserUnblocked") return IgnoredFriendEvent{};
  if (!data.is_object()) return MalformedFriendEvent{"the data is not a JSON object"};
  common::FieldErrors errors;
  auto const blocker = common::required_id(data, "user_id", errors);
  auto const blocked = common::required_id(data, "blocked_id", errors);
  auto const at = occurred_at(data);
  if (!at) errors.add("occurred_at", "must be an RFC 3339 time");
  if (!errors.empty()) {
    std::string reason;
    for (auto const& [field, problem] : errors.fields())
      reason += (reason.empty() ? "" : "; ") + field + " " + problem;
    return MalformedFriendEvent{reason};
  }
  return BlockChange{*blocker, *blocked, type == "UserBlocked", kfn::sql_datetime(*at)};
}

kfn::EventResult handle_friend_event(kfn::CloudEvent const& event, kfn::Context& ctx) {
  auto const data = nlohmann::json::parse(event.data, nullptr, false);
  FriendEvent const parsed = read_friend_event(event.type, data);
  if (std::holds_alternative<IgnoredFriendEvent>(parsed)) return kfn::EventResult::done();
  if (auto const* bad = std::get_if<MalformedFriendEvent>(&parsed)) {
    return kfn::EventResult::permanent(event.type + ": " + bad->reason);
  }
  auto const& change = std::get<BlockChange>(parsed);

  auto tx = ctx.db().begin();
  if (!tx->first_delivery(event.id)) return kfn::EventResult::done();
  // `blocked` is assigned first, while changed_at still holds the stored (older or newer) time.
  tx->execute(
      "INSERT INTO user_blocks (blocker_id, blocked_id, blocked, changed_at) VALUES (?, ?, ?, ?)"
      " ON DUPLICATE KEY UPDATE blocked = IF(changed_at <= VALUES(changed_at), VALUES(blocked), blocked),"
      " changed_at = GREATEST(changed_at, VALUES(changed_at))",
      {change.blocker_id, change.blocked_id, std::int64_t{change.blocked ? 1 : 0}, change.changed_at});
  tx->commit();
  std::chrono::duration<double> const lag = ctx.now() - *occurred_at(data);
  ctx.metrics().observe("projection_lag_seconds", lag.count());
  return kfn::EventResult::done();
}

}  // namespace users

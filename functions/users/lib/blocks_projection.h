// users-blocks-projection: keeps user_blocks in step with friend.events (UserBlocked,
// UserUnblocked), so user search can leave out users who blocked the caller. Each event is applied
// once (its id recorded in the same transaction), and an older change never overwrites a newer one.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>

#include "kfn/context.h"
#include "kfn/event.h"

namespace users {

struct BlockChange {
  std::int64_t blocker_id = 0;
  std::int64_t blocked_id = 0;
  bool blocked = false;
  std::string changed_at;  // MySQL DATETIME(3) text, from the event's occurred_at
};
struct IgnoredFriendEvent {};
struct MalformedFriendEvent {
  std::string reason;
};
using FriendEvent = std::variant<BlockChange, IgnoredFriendEvent, MalformedFriendEvent>;

// `type` is the CloudEvent type; other friend.events types are IgnoredFriendEvent.
FriendEvent read_friend_event(std::string const& type, nlohmann::json const& data);

kfn::EventResult handle_friend_event(kfn::CloudEvent const& event, kfn::Context& ctx);

}  // namespace users

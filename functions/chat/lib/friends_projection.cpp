#include "lib/friends_projection.h"

#include <string>

#include "kfn/time.h"
#include "lib/direct_rooms.h"
#include "lib/event_input.h"
#include "lib/json_values.h"
#include "lib/public_user.h"
#include "lib/social_store.h"
#include "lib/users_store.h"

namespace chat {
namespace {

// The two users a fact is about: `actor` (data.user_id) and the other one (data[other_field]).
struct Pair {
  std::int64_t actor = 0;
  std::int64_t other = 0;
};

std::optional<Pair> pair_of(nlohmann::json const& data, char const* other_field) {
  auto const actor = positive_int(data, "user_id");
  auto const other = positive_int(data, other_field);
  if (!actor || !other || *actor == *other) return std::nullopt;
  return Pair{*actor, *other};
}

// FriendRequestAccepted: the accepter is the actor; the other one is whichever of requester and
// target the accepter is not.
std::optional<Pair> accepted_pair(nlohmann::json const& data) {
  auto const requester = positive_int(data, "requester_id");
  auto const target = positive_int(data, "target_user_id");
  if (!requester || !target || *requester == *target) return std::nullopt;
  auto const actor = positive_int(data, "user_id").value_or(*target);
  return Pair{actor, actor == *requester ? *target : *requester};
}

void apply_accepted(kfn::Transaction& tx, nlohmann::json const& data, Pair pair, std::string const& at_sql,
                    std::string const& now_sql) {
  for (char const* field : {"requester", "target"}) {
    if (auto snapshot = public_user_from_snapshot(data.value(field, nlohmann::json())))
      fill_in_user(tx, *snapshot);
  }
  record_friendship(tx, pair.actor, pair.other, true, at_sql);
  ensure_direct_room(tx, pair.actor, pair.other, now_sql);
}

void apply_block(kfn::Transaction& tx, Pair pair, bool is_blocked, std::string const& at_sql) {
  record_block(tx, pair.actor, pair.other, is_blocked, at_sql);
  // A block ends the friendship both ways (API.md); an unblock does not bring it back.
  if (is_blocked) record_friendship(tx, pair.actor, pair.other, false, at_sql);
  refresh_direct_room_block(tx, pair.actor, pair.other);
}

}  // namespace

kfn::EventResult handle_friend_event(kfn::CloudEvent const& event, kfn::Context& ctx) {
  bool const accepted = event.type == "FriendRequestAccepted";
  bool const removed = event.type == "FriendRemoved";
  bool const blocking = event.type == "UserBlocked";
  bool const unblocking = event.type == "UserUnblocked";
  if (!accepted && !removed && !blocking && !unblocking) return kfn::EventResult::done();

  auto const data = event_data(event);
  if (!data) return kfn::EventResult::permanent("data is not a JSON object");
  auto const when = occurred_at(*data, event);
  auto const pair = accepted  ? accepted_pair(*data)
                    : removed ? pair_of(*data, "friend_id")
                              : pair_of(*data, "blocked_id");
  if (!when || !pair) return kfn::EventResult::permanent(event.type + " lacks its users or occurred_at");
  auto const at_sql = kfn::sql_datetime(*when);

  auto tx = ctx.db().begin();
  if (!tx->first_delivery(event.id)) return kfn::EventResult::done();
  if (accepted) apply_accepted(*tx, *data, *pair, at_sql, kfn::sql_datetime(ctx.now()));
  if (removed) record_friendship(*tx, pair->actor, pair->other, false, at_sql);
  if (blocking || unblocking) apply_block(*tx, *pair, blocking, at_sql);
  tx->commit();
  observe_lag(ctx, *when);
  return kfn::EventResult::done();
}

}  // namespace chat

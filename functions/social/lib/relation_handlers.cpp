#include "lib/relation_handlers.h"

#include "common/ids.h"
#include "kfn/time.h"
#include "lib/friend_events.h"
#include "lib/pair_store.h"
#include "lib/pair_transaction.h"
#include "lib/responses.h"

namespace social {
namespace {

kfn::HttpResponse not_friends() { return kfn::error_response(404, "not_friends", "You are not friends"); }

kfn::HttpResponse unfriend_locked(kfn::Context& ctx, Pair pair, SocialUser const& self) {
  auto tx = ctx.db().begin();
  if (!lock_pair(*tx, pair) || !can_unfriend(load_pair_state(*tx, pair))) return not_friends();
  remove_friendship(*tx, pair);
  tx->publish(friend_removed(self, pair.other));
  tx->commit();
  return kfn::no_content();
}

kfn::HttpResponse block_locked(kfn::Context& ctx, Pair pair) {
  auto tx = ctx.db().begin();
  lock_pair(*tx, pair);
  if (decide_block(load_pair_state(*tx, pair)) == BlockOutcome::kAlreadyBlocked) return kfn::no_content();
  block_other(*tx, pair, kfn::sql_datetime(ctx.now()));
  tx->publish(user_blocked(pair.self, pair.other));
  tx->commit();
  return kfn::no_content();
}

kfn::HttpResponse unblock_locked(kfn::Context& ctx, Pair pair) {
  auto tx = ctx.db().begin();
  if (!lock_pair(*tx, pair) || !can_unblock(load_pair_state(*tx, pair))) {
    return kfn::error_response(404, "not_blocked", "You have not blocked this user");
  }
  unblock_other(*tx, pair);
  tx->publish(user_unblocked(pair.self, pair.other));
  tx->commit();
  return kfn::no_content();
}

}  // namespace

kfn::HttpResponse handle_unfriend(kfn::HttpRequest const& req, kfn::Context& ctx) {
  auto self = caller_id(ctx);
  if (!self.ok()) return self.response();
  auto other = common::path_id(req, "user_id", "not_friends");
  if (!other.ok()) return other.response();

  Pair const pair{self.value(), other.value()};
  SocialUser const me = known_or_bare(find_known_users(ctx.db(), {pair.self}), pair.self);
  return with_lock_retry([&] { return unfriend_locked(ctx, pair, me); });
}

kfn::HttpResponse handle_block(kfn::HttpRequest const& req, kfn::Context& ctx) {
  auto self = caller_id(ctx);
  if (!self.ok()) return self.response();
  auto other = common::path_id(req, "user_id", "user_not_found");
  if (!other.ok()) return other.response();
  if (other.value() == self.value()) {
    return kfn::error_response(400, "invalid_parameter", "You cannot block yourself");
  }
  if (find_known_users(ctx.db(), {other.value()}).empty()) return user_not_found();

  Pair const pair{self.value(), other.value()};
  ensure_pair_row(ctx.db(), pair);
  return with_lock_retry([&] { return block_locked(ctx, pair); });
}

kfn::HttpResponse handle_unblock(kfn::HttpRequest const& req, kfn::Context& ctx) {
  auto self = caller_id(ctx);
  if (!self.ok()) return self.response();
  auto other = common::path_id(req, "user_id", "not_blocked");
  if (!other.ok()) return other.response();
  Pair const pair{self.value(), other.value()};
  return with_lock_retry([&] { return unblock_locked(ctx, pair); });
}

}  // namespace social

#include "lib/request_handlers.h"

#include <map>
#include <optional>
#include <string>

#include "common/ids.h"
#include "common/json_fields.h"
#include "common/request_body.h"
#include "kfn/time.h"
#include "lib/friend_events.h"
#include "lib/pair_store.h"
#include "lib/pair_transaction.h"
#include "lib/request_json.h"
#include "lib/responses.h"

namespace social {
namespace {

// Both users are known; the pair's row exists.
kfn::HttpResponse send_request_locked(kfn::Context& ctx, SocialUser const& self, SocialUser const& target) {
  Pair const pair{self.id, target.id};
  auto tx = ctx.db().begin();
  lock_pair(*tx, pair);
  RequestOutcome const outcome = decide_request(load_pair_state(*tx, pair));
  std::string const now_sql = kfn::sql_datetime(ctx.now());
  std::string const now = kfn::rfc3339_from_sql(now_sql);
  switch (outcome) {
    case RequestOutcome::kBlocked:
      return blocked();
    case RequestOutcome::kAlreadyFriends:
      return kfn::error_response(409, "already_friends", "You are already friends");
    case RequestOutcome::kAlreadyPending:
      return kfn::error_response(409, "request_pending", "Your friend request is already pending");
    case RequestOutcome::kAcceptTheirs:
      make_friends(*tx, pair, now_sql);
      tx->publish(friend_request_accepted(target, self, now));
      tx->commit();
      return kfn::json_response(200, request_json(self.id, target.id, "accepted", now));
    case RequestOutcome::kCreate:
      break;
  }
  insert_request(*tx, self.id, target.id, now_sql);
  tx->publish(friend_request_sent(self, target.id, now));
  tx->commit();
  return kfn::json_response(201, request_json(self.id, target.id, "pending", now));
}

kfn::HttpResponse answer_locked(kfn::Context& ctx, Pair pair, Answer answer,
                                std::map<std::int64_t, SocialUser> const& users) {
  auto tx = ctx.db().begin();
  if (!lock_pair(*tx, pair)) return request_not_found();
  AnswerOutcome const outcome = decide_answer(load_pair_state(*tx, pair), answer);
  if (outcome == AnswerOutcome::kNoRequest) return request_not_found();
  SocialUser const self = known_or_bare(users, pair.self);
  if (outcome == AnswerOutcome::kAccept) {
    std::string const now_sql = kfn::sql_datetime(ctx.now());
    make_friends(*tx, pair, now_sql);
    tx->publish(
        friend_request_accepted(known_or_bare(users, pair.other), self, kfn::rfc3339_from_sql(now_sql)));
  } else {
    delete_request(*tx, pair.other, pair.self);
    tx->publish(friend_request_rejected(pair.other, self));
  }
  tx->commit();
  return kfn::json_response(200, answer_json(pair.other, pair.self, answer));
}

kfn::HttpResponse cancel_locked(kfn::Context& ctx, Pair pair, SocialUser const& self) {
  auto tx = ctx.db().begin();
  if (!lock_pair(*tx, pair) || !can_cancel(load_pair_state(*tx, pair))) return request_not_found();
  delete_request(*tx, pair.self, pair.other);
  tx->publish(friend_request_cancelled(self, pair.other));
  tx->commit();
  return kfn::no_content();
}

}  // namespace

kfn::HttpResponse handle_send_request(kfn::HttpRequest const& req, kfn::Context& ctx) {
  auto self = caller_id(ctx);
  if (!self.ok()) return self.response();
  auto body = common::json_object_body(req);
  if (!body.ok()) return body.response();
  common::FieldErrors errors;
  std::optional<std::int64_t> const target = common::required_id(body.value(), "target_user_id", errors);
  if (!errors.empty()) return errors.response();
  if (*target == self.value()) {
    return kfn::error_response(400, "self_request", "You cannot send a friend request to yourself");
  }

  auto const users = find_known_users(ctx.db(), {self.value(), *target});
  if (users.count(*target) == 0) return user_not_found();
  if (users.count(self.value()) == 0) return caller_not_known_yet();
  ensure_pair_row(ctx.db(), {self.value(), *target});
  return with_lock_retry([&] { return send_request_locked(ctx, users.at(self.value()), users.at(*target)); });
}

kfn::HttpResponse handle_answer_request(kfn::HttpRequest const& req, kfn::Context& ctx) {
  auto self = caller_id(ctx);
  if (!self.ok()) return self.response();
  auto requester = common::path_id(req, "requester_user_id", "request_not_found");
  if (!requester.ok()) return requester.response();
  auto body = common::json_object_body(req);
  if (!body.ok()) return body.response();
  auto answer = parse_answer(body.value());
  if (!answer.ok()) return answer.response();

  Pair const pair{self.value(), requester.value()};
  auto const users = find_known_users(ctx.db(), {pair.self, pair.other});
  return with_lock_retry([&] { return answer_locked(ctx, pair, answer.value(), users); });
}

kfn::HttpResponse handle_cancel_request(kfn::HttpRequest const& req, kfn::Context& ctx) {
  auto self = caller_id(ctx);
  if (!self.ok()) return self.response();
  auto target = common::path_id(req, "target_user_id", "request_not_found");
  if (!target.ok()) return target.response();

  Pair const pair{self.value(), target.value()};
  SocialUser const me = known_or_bare(find_known_users(ctx.db(), {pair.self}), pair.self);
  return with_lock_retry([&] { return cancel_locked(ctx, pair, me); });
}

}  // namespace social

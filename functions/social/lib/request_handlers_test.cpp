#include "lib/request_handlers.h"

#include <catch2/catch.hpp>

#include "common/testing/fake_context.h"
#include "lib/test_rows.h"

using common::testing::FakeContext;
using nlohmann::json;
using social::PairState;
using namespace social::testing;

namespace {

FakeContext caller(std::int64_t id) {
  FakeContext ctx;
  ctx.identity = kfn::Identity{id, "jti-1", 1795263000};
  return ctx;
}

kfn::HttpRequest with_body(json const& body, std::string param_name = {}, std::string param = {}) {
  kfn::HttpRequest req;
  req.body = body.dump();
  if (!param_name.empty()) req.path_params.emplace_back(std::move(param_name), std::move(param));
  return req;
}

kfn::HttpRequest send_to(std::int64_t target) { return with_body({{"target_user_id", target}}); }

json body_of(kfn::HttpResponse const& response) { return json::parse(response.body); }

// Caller 2 ("bob") and target 1 ("ann") are known; the pair is in `state`.
FakeContext scripted_send(PairState const& state) {
  auto ctx = caller(2);
  ctx.database.answer_rows({user_row(1, "ann"), user_row(2, "bob")});
  ctx.database.answer(affected(1));  // the pair's row
  ctx.database.answer(pair_row());
  ctx.database.answer(state_rows(state));
  return ctx;
}

}  // namespace

TEST_CASE("a friend request to a known stranger is created, published and answered 201", "[requests]") {
  auto ctx = scripted_send(PairState{});
  auto const response = social::handle_send_request(send_to(1), ctx);
  REQUIRE(response.status == 201);
  CHECK(body_of(response) == json{{"requester_id", 2},
                                  {"target_user_id", 1},
                                  {"status", "pending"},
                                  {"created_at", "2026-11-21T12:00:00.000Z"}});
  auto const& statements = ctx.database.statements;
  // The lock row is keyed (low, high) whoever asks.
  CHECK(std::get<std::int64_t>(statements.at(1).params.at(0)) == 1);
  CHECK(std::get<std::int64_t>(statements.at(1).params.at(1)) == 2);
  CHECK_FALSE(statements.at(1).in_transaction);
  CHECK(statements.at(2).sql.find("FOR UPDATE") != std::string::npos);
  CHECK(statements.at(2).in_transaction);
  CHECK(statements.at(4).sql.rfind("INSERT INTO friend_requests", 0) == 0);
  CHECK(ctx.database.commits == 1);
  REQUIRE(ctx.database.published.size() == 1);
  CHECK(ctx.database.published[0].type == "FriendRequestSent");
  CHECK(ctx.database.published[0].key == "2");
}

TEST_CASE("a request to someone who asked first accepts theirs and answers 200", "[requests]") {
  auto ctx = scripted_send(PairState{false, false, true, false, false});
  auto const response = social::handle_send_request(send_to(1), ctx);
  REQUIRE(response.status == 200);
  CHECK(body_of(response)["status"] == "accepted");
  CHECK(ctx.database.statements.at(5).sql.rfind("INSERT INTO friendships", 0) == 0);
  REQUIRE(ctx.database.published.size() == 1);
  auto const& event = ctx.database.published[0];
  CHECK(event.type == "FriendRequestAccepted");
  CHECK(event.key == "2");  // the caller accepted
  CHECK(event.data["requester_id"] == 1);
  CHECK(event.data["target_user_id"] == 2);
}

TEST_CASE("a request is refused with the code the pair's state calls for", "[requests]") {
  struct Case {
    PairState state;
    int status;
    char const* code;
  };
  for (auto const& c : {Case{{false, false, false, false, true}, 403, "blocked"},
                        Case{{false, false, false, true, false}, 403, "blocked"},
                        Case{{true, false, false, false, false}, 409, "already_friends"},
                        Case{{false, true, false, false, false}, 409, "request_pending"}}) {
    auto ctx = scripted_send(c.state);
    auto const response = social::handle_send_request(send_to(1), ctx);
    CHECK(response.status == c.status);
    CHECK(body_of(response)["error"]["code"] == c.code);
    CHECK(ctx.database.commits == 0);
    CHECK(ctx.database.published.empty());
  }
}

TEST_CASE("a request to oneself, a bad body or an unknown target never reaches the pair", "[requests]") {
  auto self = caller(2);
  auto const to_self = social::handle_send_request(send_to(2), self);
  CHECK(to_self.status == 400);
  CHECK(body_of(to_self)["error"]["code"] == "self_request");
  CHECK(self.database.statements.empty());

  auto bad = caller(2);
  kfn::HttpRequest malformed;
  malformed.body = "{";
  CHECK(social::handle_send_request(malformed, bad).status == 400);
  auto const missing = social::handle_send_request(with_body(json::object()), bad);
  CHECK(missing.status == 422);
  CHECK(body_of(missing)["error"]["fields"].contains("target_user_id"));
  CHECK(bad.database.statements.empty());

  auto unknown = caller(2);
  unknown.database.answer_rows({user_row(2, "bob")});
  auto const not_found = social::handle_send_request(send_to(99), unknown);
  CHECK(not_found.status == 404);
  CHECK(body_of(not_found)["error"]["code"] == "user_not_found");
  CHECK(unknown.database.statements.size() == 1);
}

TEST_CASE("a caller the projection does not know yet is asked to retry", "[requests]") {
  auto ctx = caller(2);
  ctx.database.answer_rows({user_row(1, "ann")});
  auto const response = social::handle_send_request(send_to(1), ctx);
  CHECK(response.status == 503);
  CHECK(response.headers.get("Retry-After") == "1");
}

TEST_CASE("a deadlocked attempt is run again from the start", "[requests]") {
  auto ctx = caller(2);
  ctx.database.answer_rows({user_row(1, "ann"), user_row(2, "bob")});
  ctx.database.answer(affected(1));
  ctx.database.answer_error(1213);
  ctx.database.answer(pair_row());
  ctx.database.answer(state_rows(PairState{}));
  CHECK(social::handle_send_request(send_to(1), ctx).status == 201);
  CHECK(ctx.database.rollbacks == 1);
  CHECK(ctx.database.commits == 1);
  CHECK(ctx.database.published.size() == 1);
}

TEST_CASE("the addressee accepts: friends both ways, FriendRequestAccepted keyed by them", "[requests]") {
  auto ctx = caller(1);
  ctx.database.answer_rows({user_row(1, "ann"), user_row(2, "bob")});
  ctx.database.answer(pair_row());
  ctx.database.answer(state_rows(PairState{false, false, true, false, false}));
  auto const response =
      social::handle_answer_request(with_body({{"status", "accepted"}}, "requester_user_id", "2"), ctx);
  REQUIRE(response.status == 200);
  CHECK(body_of(response) == json{{"requester_id", 2}, {"target_user_id", 1}, {"status", "accepted"}});
  REQUIRE(ctx.database.published.size() == 1);
  auto const& event = ctx.database.published[0];
  CHECK(event.type == "FriendRequestAccepted");
  CHECK(event.key == "1");
  CHECK(event.data["requester"]["username"] == "bob");
  CHECK(event.data["target"]["username"] == "ann");
  CHECK(event.data["created_at"] == "2026-11-21T12:00:00.000Z");
}

TEST_CASE("the addressee rejects: the request is deleted, FriendRequestRejected published", "[requests]") {
  auto ctx = caller(1);
  ctx.database.answer_rows({user_row(1, "ann"), user_row(2, "bob")});
  ctx.database.answer(pair_row());
  ctx.database.answer(state_rows(PairState{false, false, true, false, false}));
  auto const response =
      social::handle_answer_request(with_body({{"status", "rejected"}}, "requester_user_id", "2"), ctx);
  REQUIRE(response.status == 200);
  CHECK(body_of(response)["status"] == "rejected");
  auto const& deleted = ctx.database.statements.at(3);
  CHECK(deleted.sql.rfind("DELETE FROM friend_requests", 0) == 0);
  CHECK(std::get<std::int64_t>(deleted.params.at(0)) == 2);
  CHECK(std::get<std::int64_t>(deleted.params.at(1)) == 1);
  REQUIRE(ctx.database.published.size() == 1);
  CHECK(ctx.database.published[0].type == "FriendRequestRejected");
}

TEST_CASE("answering without a pending request from that user is 404 request_not_found", "[requests]") {
  for (auto const& script :
       {std::vector<kfn::SqlResult>{kfn::SqlResult{}},  // the pair never met
        std::vector<kfn::SqlResult>{pair_row(), state_rows({false, true, false, false, false})}}) {
    auto ctx = caller(1);
    ctx.database.answer_rows({});
    for (auto const& result : script) ctx.database.answer(result);
    auto const response =
        social::handle_answer_request(with_body({{"status", "accepted"}}, "requester_user_id", "2"), ctx);
    CHECK(response.status == 404);
    CHECK(body_of(response)["error"]["code"] == "request_not_found");
    CHECK(ctx.database.published.empty());
  }
}

TEST_CASE("answering checks the path and the status before the database", "[requests]") {
  auto ctx = caller(1);
  CHECK(social::handle_answer_request(with_body({{"status", "accepted"}}, "requester_user_id", "x"), ctx)
            .status == 400);
  CHECK(
      social::handle_answer_request(with_body({{"status", "maybe"}}, "requester_user_id", "2"), ctx).status ==
      422);
  CHECK(ctx.database.statements.empty());
}

TEST_CASE("the requester withdraws a pending request: 204 and FriendRequestCancelled", "[requests]") {
  auto ctx = caller(2);
  ctx.database.answer_rows({user_row(2, "bob")});
  ctx.database.answer(pair_row());
  ctx.database.answer(state_rows(PairState{false, true, false, false, false}));
  kfn::HttpRequest req;
  req.path_params.emplace_back("target_user_id", "1");
  CHECK(social::handle_cancel_request(req, ctx).status == 204);
  REQUIRE(ctx.database.published.size() == 1);
  CHECK(ctx.database.published[0].type == "FriendRequestCancelled");
  CHECK(ctx.database.published[0].data["requester"]["username"] == "bob");

  auto none = caller(2);
  none.database.answer_rows({user_row(2, "bob")});
  none.database.answer(pair_row());
  none.database.answer(state_rows(PairState{false, false, true, false, false}));
  CHECK(social::handle_cancel_request(req, none).status == 404);
  CHECK(none.database.published.empty());
}

#include "lib/push_batch.h"

#include <catch2/catch.hpp>
#include <vector>

#include "common/testing/fake_context.h"
#include "lib/test_events.h"
#include "lib/test_rows.h"

using common::testing::FakeContext;
using namespace notify::testing;
using kfn::Outcome;
using notify::PendingPush;

namespace {

PendingPush pending(std::string const& id, json const& data) {
  PendingPush push;
  push.event = std::get<notify::InboundEvent>(notify::read_inbound_event(cloud_event(id, data)));
  return push;
}

std::vector<std::string> types_of(std::vector<kfn::DomainEvent> const& events) {
  std::vector<std::string> types;
  for (auto const& e : events) types.push_back(e.type + ":" + e.key);
  return types;
}

void apply(FakeContext& ctx, std::vector<PendingPush*> batch) { notify::apply_push_batch(ctx, batch); }

}  // namespace

TEST_CASE("the events of a batch share one transaction and one commit, applied in order", "[push]") {
  FakeContext ctx;
  auto first = pending("e1", friend_request_sent(1, 2));
  auto second = pending("e2", friend_request_sent(3, 4));
  ctx.database.answer(affected(2));  // both ids recorded by one statement
  ctx.database.answer(affected(1, 55));
  ctx.database.answer(affected(1, 56));
  apply(ctx, {&first, &second});

  CHECK(ctx.database.commits == 1);
  CHECK(ctx.database.statements.at(0).params == kfn::SqlParams{std::string("e1"), std::string("e2")});
  for (auto* push : {&first, &second}) {
    REQUIRE(push->result);
    CHECK(push->result->outcome == Outcome::kDone);
    CHECK(push->applied);
  }
  // The requests' own deliveries are the handler's (push_handler_test.cpp); the batch publishes what
  // it stored.
  CHECK(types_of(ctx.database.published) ==
        std::vector<std::string>{"EventDelivery:2", "NotificationCreated:2", "EventDelivery:4",
                                 "NotificationCreated:4"});
  CHECK(ctx.database.published[1].data["notification"]["id"] == 55);
  CHECK(ctx.database.published[3].data["notification"]["id"] == 56);
  CHECK(ctx.publisher.published.empty());
}

TEST_CASE("a malformed event fails alone: the batch is rolled back and the others are applied one by one",
          "[push]") {
  FakeContext ctx;
  auto good = pending("e1", friend_request_sent(1, 2));
  auto missing = online_status(3, true);
  missing.erase("online");
  auto bad = pending("e2", missing);
  ctx.database.answer(affected(2));      // together: both ids
  ctx.database.answer(affected(1, 55));  // e1's notification, rolled back; e2 is malformed
  ctx.database.answer(first_time());     // alone: e1
  ctx.database.answer(affected(1, 57));  // e1's notification, kept
  ctx.database.answer(first_time());     // alone: e2
  apply(ctx, {&good, &bad});

  REQUIRE(good.result);
  CHECK(good.result->outcome == Outcome::kDone);
  CHECK(good.applied);
  REQUIRE(bad.result);
  CHECK(bad.result->outcome == Outcome::kPermanent);
  CHECK(bad.result->reason.find("online") != std::string::npos);
  CHECK_FALSE(bad.applied);
  CHECK(ctx.database.commits == 1);
  CHECK(types_of(ctx.database.published) ==
        std::vector<std::string>{"EventDelivery:2", "NotificationCreated:2"});
  CHECK(ctx.database.published[1].data["notification"]["id"] == 57);
}

TEST_CASE("a redelivered event in a batch is skipped and the others applied", "[push]") {
  FakeContext ctx;
  auto seen = pending("e1", friend_request_sent(1, 2));
  auto fresh = pending("e2", friend_request_sent(3, 4));
  ctx.database.answer(affected(1));  // together: one of the two ids was recorded before
  ctx.database.answer(affected(0));  // alone: e1 is the one
  ctx.database.answer(first_time());
  ctx.database.answer(affected(1, 56));
  apply(ctx, {&seen, &fresh});

  CHECK(ctx.database.commits == 1);
  REQUIRE(seen.result);
  CHECK(seen.result->outcome == Outcome::kDone);
  CHECK_FALSE(seen.applied);
  CHECK(fresh.applied);
  CHECK(types_of(ctx.database.published) ==
        std::vector<std::string>{"EventDelivery:4", "NotificationCreated:4"});
}

TEST_CASE("a statement the batch has refused (a deadlock) makes each event run on its own", "[push]") {
  FakeContext ctx;
  auto first = pending("e1", friend_request_sent(1, 2));
  auto second = pending("e2", friend_request_sent(3, 4));
  ctx.database.answer(affected(2));
  ctx.database.answer_error(1213);  // ER_LOCK_DEADLOCK on e1's notification
  ctx.database.answer(first_time());
  ctx.database.answer(affected(1, 57));
  ctx.database.answer(first_time());
  ctx.database.answer(affected(1, 58));
  apply(ctx, {&first, &second});

  CHECK(ctx.database.commits == 2);
  CHECK(first.applied);
  CHECK(second.applied);
  CHECK(types_of(ctx.database.published) ==
        std::vector<std::string>{"EventDelivery:2", "NotificationCreated:2", "EventDelivery:4",
                                 "NotificationCreated:4"});
}

TEST_CASE("an error of one event run on its own reaches that event only", "[push]") {
  FakeContext ctx;
  auto first = pending("e1", friend_request_sent(1, 2));
  auto second = pending("e2", friend_request_sent(3, 4));
  ctx.database.answer_error(1213);  // together: refused at once
  ctx.database.answer_error(1205);  // alone: e1's dedupe row times out on a lock
  ctx.database.answer(first_time());
  ctx.database.answer(affected(1, 58));
  apply(ctx, {&first, &second});

  CHECK(first.error);
  CHECK_FALSE(first.result);
  CHECK_THROWS_AS(std::rethrow_exception(first.error), kfn::SqlError);
  REQUIRE(second.result);
  CHECK(second.applied);
  CHECK(ctx.database.commits == 1);
}

namespace {

std::size_t position_of(FakeContext const& ctx, std::string const& text) {
  auto const& statements = ctx.database.statements;
  for (std::size_t i = 0; i < statements.size(); ++i) {
    if (statements[i].sql.find(text) != std::string::npos) return i;
  }
  return statements.size();
}

std::size_t count_of(FakeContext const& ctx, std::string const& text) {
  std::size_t count = 0;
  for (auto const& statement : ctx.database.statements)
    count += statement.sql.find(text) != std::string::npos;
  return count;
}

}  // namespace

TEST_CASE("the messages of a batch read their recipients' presence once, all together", "[push]") {
  FakeContext ctx;
  auto first = pending("e1", message_sent(9, 100, 5, 1, {1, 2}, "hi"));
  auto second = pending("e2", message_sent(10, 101, 7, 3, {3, 4}, "yo"));
  ctx.database.answer(affected(2));
  ctx.database.answer_rows({id_row(2), id_row(4)});  // every recipient online: no notifications
  apply(ctx, {&first, &second});

  CHECK(ctx.database.commits == 1);
  CHECK(count_of(ctx, "FROM presence") == 1);
  CHECK(ctx.database.statements.at(position_of(ctx, "FROM presence")).params ==
        kfn::SqlParams{std::int64_t{2}, std::int64_t{4}});
  CHECK(ctx.database.published.empty());  // every recipient online: nothing stored, nothing to tell
}

TEST_CASE("a message after a presence change in the same batch sees the change", "[push]") {
  FakeContext ctx;
  auto online = pending("e1", online_status(2, true));
  auto message = pending("e2", message_sent(9, 100, 5, 1, {1, 2}, "hi"));
  ctx.database.answer(affected(2));
  ctx.database.answer(affected(1));  // the presence upsert
  apply(ctx, {&online, &message});

  CHECK(ctx.database.commits == 1);
  CHECK(count_of(ctx, "FROM presence") == 1);
  CHECK(position_of(ctx, "INSERT INTO presence") < position_of(ctx, "FROM presence"));
}

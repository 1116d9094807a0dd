#include "lib/push_handler.h"

#include <catch2/catch.hpp>

#include "common/testing/fake_context.h"
#include "kfn/errors.h"
#include "lib/test_events.h"
#include "lib/test_rows.h"

using common::testing::FakeContext;
using namespace notify::testing;
using kfn::Outcome;

namespace {

std::vector<std::string> types_of(std::vector<kfn::DomainEvent> const& events) {
  std::vector<std::string> types;
  for (auto const& e : events) types.push_back(e.type + ":" + e.key);
  return types;
}

kfn::EventResult handle(kfn::CloudEvent const& event, FakeContext& ctx) {
  notify::PushBatching batching;
  return notify::handle_push_event(event, ctx, batching);
}

// The read before publishing: the event was not processed before.
void not_seen_before(FakeContext& ctx) { ctx.database.answer_rows({}); }

bool mentions(FakeContext const& ctx, std::size_t statement, std::string const& text) {
  return ctx.database.statements.at(statement).sql.find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("events of types the push function does not act on are done untouched", "[push]") {
  FakeContext ctx;
  auto const result = handle(cloud_event("e1", with_envelope("UserRegistered", {{"user_id", 1}})), ctx);
  CHECK(result.outcome == Outcome::kDone);
  CHECK(ctx.database.statements.empty());
}

TEST_CASE("unreadable events are dead-lettered without a commit", "[push]") {
  FakeContext ctx;
  auto event = cloud_event("e1", friend_request_sent(1, 2));
  event.data = "not json";
  CHECK(handle(event, ctx).outcome == Outcome::kPermanent);

  auto missing = friend_request_sent(1, 2);
  missing.erase("target_user_id");
  ctx.database.answer(first_time());
  auto const result = handle(cloud_event("e2", missing), ctx);
  CHECK(result.outcome == Outcome::kPermanent);
  CHECK(result.reason.find("target_user_id") != std::string::npos);
  CHECK(ctx.database.commits == 0);
  CHECK(ctx.database.published.empty());
  CHECK(ctx.publisher.published.empty());
}

TEST_CASE("a redelivered event changes nothing and publishes nothing", "[push]") {
  FakeContext ctx;
  ctx.database.answer_rows({common::testing::make_row({"event_id"}, {std::string("e1")})});  // recorded
  CHECK(handle(cloud_event("e1", friend_request_sent(1, 2)), ctx).outcome == Outcome::kDone);
  CHECK(ctx.database.statements.size() == 1);
  CHECK(mentions(ctx, 0, "FROM kfn_processed_events"));
  CHECK_FALSE(ctx.database.statements[0].in_transaction);
  CHECK(std::get<std::string>(ctx.database.statements[0].params.at(0)) == "e1");
  CHECK(ctx.database.commits == 0);
  CHECK(ctx.publisher.published.empty());
}

TEST_CASE("an event is recorded only once Kafka has its deliveries", "[push]") {
  FakeContext ctx;
  not_seen_before(ctx);
  ctx.publisher.unacknowledged = true;
  CHECK_THROWS_AS(handle(cloud_event("e1", message_sent(9, 100, 5, 1, {1, 2}, "hi")), ctx), kfn::Unavailable);
  CHECK(ctx.database.statements.size() == 1);  // the read; no transaction recorded the event
  CHECK(ctx.database.commits == 0);

  // The trigger's retry: everything again, now acknowledged.
  ctx.publisher.unacknowledged = false;
  not_seen_before(ctx);
  ctx.database.answer(first_time());
  ctx.database.answer_rows({id_row(2)});  // online: member 2
  CHECK(handle(cloud_event("e1", message_sent(9, 100, 5, 1, {1, 2}, "hi")), ctx).outcome == Outcome::kDone);
  CHECK(types_of(ctx.publisher.published) == std::vector<std::string>{"EventDelivery:1", "EventDelivery:2"});
  CHECK(ctx.database.commits == 1);
}

TEST_CASE("a friend request is delivered to the target and stored as their notification", "[push]") {
  FakeContext ctx;
  not_seen_before(ctx);
  ctx.database.answer(first_time());
  ctx.database.answer(affected(1, 55));  // INSERT INTO notifications
  CHECK(handle(cloud_event("e1", friend_request_sent(1, 2)), ctx).outcome == Outcome::kDone);
  CHECK(ctx.database.commits == 1);
  auto const& insert = ctx.database.statements.at(2);
  CHECK(insert.in_transaction);
  CHECK(std::get<std::int64_t>(insert.params.at(0)) == 2);
  CHECK(std::get<std::string>(insert.params.at(1)) == "friend_request_received");

  auto const& direct = ctx.publisher.published;  // straight to Kafka, confirmed
  REQUIRE(types_of(direct) == std::vector<std::string>{"EventDelivery:2"});
  CHECK(direct[0].topic == "notification.events");
  CHECK(direct[0].data ==
        json{{"recipient_id", 2}, {"event", "friend.request_received"}, {"data", {{"user", snapshot(1)}}}});
  auto const& published = ctx.database.published;  // through the outbox, with the notification
  CHECK(types_of(published) == std::vector<std::string>{"EventDelivery:2", "NotificationCreated:2"});
  CHECK(published[0].data["event"] == "notification.created");
  auto const notification = published[1].data["notification"];
  CHECK(notification == published[0].data["data"]);
  CHECK(notification["id"] == 55);
  CHECK(notification["type"] == "friend_request_received");
  CHECK(notification["created_at"] == "2026-11-21T12:00:00.000Z");
  CHECK(notification["read_at"].is_null());
}

TEST_CASE("an accepted request makes friends both ways and notifies the requester", "[push]") {
  FakeContext ctx;
  not_seen_before(ctx);
  ctx.database.answer(first_time());
  ctx.database.answer(affected(2));      // friendships upsert
  ctx.database.answer(affected(1, 56));  // the notification
  CHECK(handle(cloud_event("e1", friend_request_accepted(1, 2)), ctx).outcome == Outcome::kDone);
  auto const& upsert = ctx.database.statements.at(2);
  CHECK(mentions(ctx, 2, "INSERT INTO friendships"));
  CHECK(upsert.params == kfn::SqlParams{std::int64_t{1}, std::int64_t{2}, std::int64_t{1},
                                        std::string("2026-11-21 11:59:59.000"), std::int64_t{2},
                                        std::int64_t{1}, std::int64_t{1},
                                        std::string("2026-11-21 11:59:59.000")});
  CHECK(std::get<std::string>(ctx.database.statements.at(3).params.at(1)) == "friend_request_accepted");
  CHECK(types_of(ctx.publisher.published) == std::vector<std::string>{"EventDelivery:1"});
  CHECK(types_of(ctx.database.published) ==
        std::vector<std::string>{"EventDelivery:1", "NotificationCreated:1"});
}

TEST_CASE("a message reaches every member and grows offline members' room notifications", "[push]") {
  FakeContext ctx;
  not_seen_before(ctx);
  ctx.database.answer(first_time());
  ctx.database.answer_rows({id_row(4)});  // online: member 4
  ctx.database.answer_rows(
      {notification_row(70, 3, "message_received", R"({"room_id":9,"count":1,"preview":"old"})")});
  ctx.database.answer(affected(1, 71));  // INSERT for member 2
  ctx.database.answer(affected(1));      // UPDATE of member 3's
  CHECK(handle(cloud_event("e1", message_sent(9, 100, 5, 1, {1, 2, 3, 4}, "hi")), ctx).outcome ==
        Outcome::kDone);

  auto const& statements = ctx.database.statements;
  CHECK(mentions(ctx, 2, "FROM presence"));
  CHECK(statements[2].params == kfn::SqlParams{std::int64_t{2}, std::int64_t{3}, std::int64_t{4}});
  CHECK(mentions(ctx, 3, "FOR UPDATE"));
  CHECK(statements[3].params ==
        kfn::SqlParams{std::int64_t{9}, std::string("message_received"), std::int64_t{2}, std::int64_t{3}});
  CHECK(mentions(ctx, 4, "INSERT INTO notifications"));
  CHECK(mentions(ctx, 5, "UPDATE notifications"));
  CHECK(json::parse(std::get<std::string>(statements[5].params.at(0)))["count"] == 2);

  auto const& direct = ctx.publisher.published;
  CHECK(types_of(direct) ==
        std::vector<std::string>{"EventDelivery:1", "EventDelivery:2", "EventDelivery:3", "EventDelivery:4"});
  CHECK(direct[0].data["event"] == "message.sent");
  auto const& published = ctx.database.published;
  CHECK(types_of(published) == std::vector<std::string>{"EventDelivery:2", "NotificationCreated:2",
                                                        "EventDelivery:3", "NotificationCreated:3"});
  CHECK(published[1].data["notification"]["payload"]["count"] == 1);
  CHECK(published[1].data["notification"]["payload"]["preview"] == "hi");
  CHECK(published[3].data["notification"]["id"] == 70);
  CHECK(published[3].data["notification"]["payload"]["count"] == 2);
  CHECK(published[3].data["notification"]["created_at"] == "2026-11-21T10:00:00.000Z");
}

TEST_CASE("reading a room settles the reader's notification for it", "[push]") {
  FakeContext ctx;
  not_seen_before(ctx);
  ctx.database.answer(first_time());
  json const read =
      with_envelope("MessageRead", {{"room_id", 9}, {"user_id", 2}, {"seq", 5}, {"member_ids", {1, 2}}});
  CHECK(handle(cloud_event("e1", read), ctx).outcome == Outcome::kDone);
  CHECK(mentions(ctx, 2, "UPDATE notifications SET read_at"));
  CHECK(ctx.database.statements[2].params.at(1) == kfn::SqlValue{std::int64_t{9}});
  CHECK(ctx.database.statements[2].params.at(2) == kfn::SqlValue{std::int64_t{2}});
  CHECK(ctx.database.statements[2].params.at(4) == kfn::SqlValue{std::int64_t{5}});
  CHECK(types_of(ctx.publisher.published) == std::vector<std::string>{"EventDelivery:1", "EventDelivery:2"});
  CHECK(ctx.database.published.empty());
}

TEST_CASE("a presence change is projected and told to the user's friends", "[push]") {
  FakeContext ctx;
  ctx.database.answer(first_time());
  ctx.database.answer(affected(1));  // presence upsert
  ctx.database.answer_rows({common::testing::make_row({"friend_id"}, {std::int64_t{5}}),
                            common::testing::make_row({"friend_id"}, {std::int64_t{6}})});
  CHECK(handle(cloud_event("e1", online_status(3, true)), ctx).outcome == Outcome::kDone);
  CHECK(mentions(ctx, 1, "INSERT INTO presence"));
  CHECK(ctx.database.statements[1].params == kfn::SqlParams{std::int64_t{3}, std::int64_t{1},
                                                            std::string("2026-11-21 11:59:58.000"),
                                                            std::string("2026-11-21 11:59:59.000")});
  CHECK(mentions(ctx, 2, "FROM friendships"));
  // Its audience is read from the database: these go through the outbox, with the projection.
  CHECK(types_of(ctx.database.published) == std::vector<std::string>{"EventDelivery:5", "EventDelivery:6"});
  CHECK(ctx.database.published[0].data["event"] == "presence.changed");
  CHECK(ctx.publisher.published.empty());
}

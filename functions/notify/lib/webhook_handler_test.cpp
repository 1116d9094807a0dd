#include "lib/webhook_handler.h"

#include <catch2/catch.hpp>

#include "common/testing/fake_context.h"
#include "lib/test_rows.h"

using common::testing::FakeContext;
using kfn::Outcome;
using nlohmann::json;

namespace {

struct RecordingPoster {
  int status = 200;
  std::vector<std::string> bodies;
  std::vector<notify::HeaderList> headers;
  std::string target;

  notify::WebhookPoster poster() {
    return [this](notify::WebhookTarget const& to, std::string const& body, notify::HeaderList const& extra,
                  std::chrono::steady_clock::time_point) {
      target = to.host_header + to.target;
      bodies.push_back(body);
      headers.push_back(extra);
      return notify::PostResult{status, status == 0 ? "connection refused" : ""};
    };
  }
};

kfn::CloudEvent notification_created(std::int64_t recipient) {
  kfn::CloudEvent event;
  event.id = "ev-1";
  event.type = "NotificationCreated";
  json const notification = {{"id", 5},
                             {"type", "message_received"},
                             {"payload", {{"count", 1}}},
                             {"created_at", "2026-11-21T12:00:00.000Z"},
                             {"read_at", nullptr}};
  event.data =
      json{{"recipient_id", recipient}, {"notification", notification}, {"event_type", "NotificationCreated"}}
          .dump();
  return event;
}

FakeContext configured(std::string const& url = "http://127.0.0.1:9000/push") {
  FakeContext ctx;
  ctx.fake_config.values["KFN_PUSH_WEBHOOK_URL"] = url;
  return ctx;
}

}  // namespace

TEST_CASE("without a webhook URL, or for deliveries, nothing is posted", "[webhook_handler]") {
  RecordingPoster poster;
  FakeContext unconfigured;
  CHECK(notify::handle_webhook_event(notification_created(2), unconfigured, poster.poster()).outcome ==
        Outcome::kDone);
  auto ctx = configured();
  auto delivery = notification_created(2);
  delivery.type = "EventDelivery";
  CHECK(notify::handle_webhook_event(delivery, ctx, poster.poster()).outcome == Outcome::kDone);
  CHECK(poster.bodies.empty());
  CHECK(ctx.database.statements.empty());
}

TEST_CASE("an offline recipient's notification is posted once, as JSON", "[webhook_handler]") {
  RecordingPoster poster;
  auto ctx = configured();
  ctx.database.answer_rows({});  // not online
  ctx.database.answer_rows({});  // not posted before
  ctx.database.answer(notify::testing::first_time());
  CHECK(notify::handle_webhook_event(notification_created(2), ctx, poster.poster()).outcome ==
        Outcome::kDone);
  REQUIRE(poster.bodies.size() == 1);
  CHECK(poster.target == "127.0.0.1:9000/push");
  auto const body = json::parse(poster.bodies[0]);
  CHECK(body["recipient_id"] == 2);
  CHECK(body["notification"]["id"] == 5);
  CHECK(poster.headers[0].at(0) == std::pair<std::string, std::string>{"Idempotency-Key", "ev-1"});
  auto const& remembered = ctx.database.statements.at(2);
  CHECK(remembered.in_transaction);
  CHECK(std::get<std::string>(remembered.params.at(0)) == "webhook:ev-1");
  CHECK(ctx.database.commits == 1);
}

TEST_CASE("online recipients and notifications posted before are skipped", "[webhook_handler]") {
  RecordingPoster poster;
  auto online = configured();
  online.database.answer_rows({notify::testing::id_row(1)});
  CHECK(notify::handle_webhook_event(notification_created(2), online, poster.poster()).outcome ==
        Outcome::kDone);
  auto repeat = configured();
  repeat.database.answer_rows({});
  repeat.database.answer_rows({notify::testing::id_row(1)});
  CHECK(notify::handle_webhook_event(notification_created(2), repeat, poster.poster()).outcome ==
        Outcome::kDone);
  CHECK(poster.bodies.empty());
}

TEST_CASE("a failing webhook is retried and nothing is remembered", "[webhook_handler]") {
  RecordingPoster poster;
  poster.status = 503;
  auto ctx = configured();
  auto const result = notify::handle_webhook_event(notification_created(2), ctx, poster.poster());
  CHECK(result.outcome == Outcome::kRetry);
  CHECK(result.reason == "webhook answered 503");
  CHECK(ctx.database.commits == 0);
  poster.status = 400;
  CHECK(notify::handle_webhook_event(notification_created(2), ctx, poster.poster()).outcome ==
        Outcome::kPermanent);
}

TEST_CASE("an unusable URL or record is dead-lettered with the reason", "[webhook_handler]") {
  RecordingPoster poster;
  auto https = configured("https://push.example.com/");
  auto const refused = notify::handle_webhook_event(notification_created(2), https, poster.poster());
  CHECK(refused.outcome == Outcome::kPermanent);
  CHECK(refused.reason.find("https") != std::string::npos);

  auto ctx = configured();
  auto broken = notification_created(2);
  broken.data = R"({"recipient_id":2})";
  auto const malformed = notify::handle_webhook_event(broken, ctx, poster.poster());
  CHECK(malformed.outcome == Outcome::kPermanent);
  CHECK(malformed.reason.find("notification") != std::string::npos);
  CHECK(poster.bodies.empty());
}

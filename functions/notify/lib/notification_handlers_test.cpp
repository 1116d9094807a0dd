#include "lib/notification_handlers.h"

#include <catch2/catch.hpp>

#include "common/testing/fake_context.h"
#include "lib/test_rows.h"

using common::testing::FakeContext;
using nlohmann::json;
using namespace notify::testing;

namespace {

FakeContext signed_in() {
  FakeContext ctx;
  ctx.identity = kfn::Identity{7, "jti-1", 1795263000};
  return ctx;
}

kfn::HttpRequest get(std::string query) {
  kfn::HttpRequest req;
  req.method = "GET";
  req.query = std::move(query);
  return req;
}

kfn::HttpRequest post(std::string body) {
  kfn::HttpRequest req;
  req.method = "POST";
  req.body = std::move(body);
  return req;
}

}  // namespace

TEST_CASE("notification routes need a caller", "[notification_handlers]") {
  FakeContext anonymous;
  CHECK(notify::handle_list_notifications(get(""), anonymous).status == 401);
  CHECK(notify::handle_mark_notifications_read(post(R"({"all":true})"), anonymous).status == 401);
}

TEST_CASE("the list answers the caller's notifications newest first, with defaults",
          "[notification_handlers]") {
  auto ctx = signed_in();
  ctx.database.answer_rows({notification_row(9, 7, "message_received", R"({"room_id":3,"count":2})"),
                            notification_row(8, 7, "friend_request_received", R"({"user":{"id":2}})",
                                             std::string("2026-11-21 11:00:00.000"))});
  auto const response = notify::handle_list_notifications(get(""), ctx);
  REQUIRE(response.status == 200);
  auto const body = json::parse(response.body);
  REQUIRE(body["notifications"].size() == 2);
  CHECK(body["notifications"][0] == json{{"id", 9},
                                         {"type", "message_received"},
                                         {"payload", {{"room_id", 3}, {"count", 2}}},
                                         {"created_at", "2026-11-21T10:00:00.000Z"},
                                         {"read_at", nullptr}});
  CHECK(body["notifications"][1]["read_at"] == "2026-11-21T11:00:00.000Z");
  auto const& query = ctx.database.statements.at(0);
  CHECK(query.sql.find("ORDER BY id DESC") != std::string::npos);
  CHECK(query.sql.find("read_at IS NULL") == std::string::npos);
  CHECK(query.params == kfn::SqlParams{std::int64_t{7}, std::int64_t{50}});
}

TEST_CASE("the list can be limited to unread ones", "[notification_handlers]") {
  auto ctx = signed_in();
  CHECK(notify::handle_list_notifications(get("unread_only=true&limit=5"), ctx).status == 200);
  auto const& query = ctx.database.statements.at(0);
  CHECK(query.sql.find("read_at IS NULL") != std::string::npos);
  CHECK(query.params == kfn::SqlParams{std::int64_t{7}, std::int64_t{5}});
}

TEST_CASE("the list refuses limits outside 1-100 and unread_only that is not a flag",
          "[notification_handlers]") {
  auto ctx = signed_in();
  for (auto const* query : {"limit=0", "limit=101", "limit=ten", "limit=-1", "unread_only=maybe"}) {
    auto const response = notify::handle_list_notifications(get(query), ctx);
    CHECK(response.status == 422);
    CHECK(json::parse(response.body)["error"]["code"] == "validation_failed");
  }
  CHECK(notify::handle_list_notifications(get("limit=100&unread_only=0"), ctx).status == 200);
  CHECK(ctx.database.statements.size() == 1);
}

TEST_CASE("marking read touches only the caller's own notifications", "[notification_handlers]") {
  auto ctx = signed_in();
  CHECK(notify::handle_mark_notifications_read(post(R"({"ids":[3,4,3]})"), ctx).status == 204);
  auto const& update = ctx.database.statements.at(0);
  CHECK(update.sql.find("user_id = ?") != std::string::npos);
  CHECK(update.params == kfn::SqlParams{std::string("2026-11-21 12:00:00.000"), std::int64_t{7},
                                        std::int64_t{3}, std::int64_t{4}});

  CHECK(notify::handle_mark_notifications_read(post(R"({"all":true})"), ctx).status == 204);
  CHECK(ctx.database.statements.at(1).params ==
        kfn::SqlParams{std::string("2026-11-21 12:00:00.000"), std::int64_t{7}});

  CHECK(notify::handle_mark_notifications_read(post(R"({"ids":[]})"), ctx).status == 204);
  CHECK(ctx.database.statements.size() == 2);
}

TEST_CASE("marking read refuses bodies that select nothing", "[notification_handlers]") {
  auto ctx = signed_in();
  CHECK(notify::handle_mark_notifications_read(post("{"), ctx).status == 400);
  for (auto const* body :
       {"{}", R"({"all":false})", R"({"all":"yes"})", R"({"ids":[0]})", R"({"ids":"1"})"}) {
    CHECK(notify::handle_mark_notifications_read(post(body), ctx).status == 422);
  }
  std::string many = R"({"ids":[1)";
  for (int i = 2; i <= 101; ++i) many += "," + std::to_string(i);
  CHECK(notify::handle_mark_notifications_read(post(many + "]}"), ctx).status == 422);
  CHECK(ctx.database.statements.empty());
}

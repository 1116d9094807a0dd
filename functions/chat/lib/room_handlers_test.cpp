#include "lib/room_handlers.h"

#include <catch2/catch.hpp>

#include "common/testing/fake_context.h"
#include "lib/test_rows.h"

using chat::testing::affected;
using chat::testing::answer_room_view;
using chat::testing::one_value;
using chat::testing::rows;
using common::testing::FakeContext;
using nlohmann::json;

namespace {

kfn::HttpRequest post(json const& body) {
  kfn::HttpRequest req;
  req.method = "POST";
  req.path = "/chat/rooms";
  req.body = body.dump();
  return req;
}

FakeContext as_user(std::int64_t id) {
  FakeContext ctx;
  ctx.identity = kfn::Identity{id, "jti", 1900000000};
  return ctx;
}

std::string code_of(kfn::HttpResponse const& response) {
  return json::parse(response.body)["error"]["code"].get<std::string>();
}

json const kDirect{{"type", "direct"}, {"user_id", 8}};

}  // namespace

TEST_CASE("a direct room between friends is created with both members and RoomCreated", "[rooms]") {
  auto ctx = as_user(7);
  ctx.database.answer(one_value(0));  // no block
  ctx.database.answer(rows({}));      // no direct room yet
  ctx.database.answer(one_value(1));  // friends
  ctx.database.answer(rows({}));      // still none, inside the transaction
  ctx.database.answer(one_value(0));
  ctx.database.answer(affected(1, 55));
  ctx.database.answer(affected(2));
  ctx.database.answer(affected(1));
  answer_room_view(ctx.database, 55, "direct", {7, 8});
  answer_room_view(ctx.database, 55, "direct", {7, 8});
  auto const response = chat::handle_create_room(post(kDirect), ctx);
  REQUIRE(response.status == 201);
  auto const room = json::parse(response.body);
  CHECK(room["id"] == 55);
  CHECK(room["type"] == "direct");
  CHECK(room["members"].size() == 2);
  CHECK(room["last_message"].is_null());
  auto const& insert = ctx.database.statements.at(5);
  CHECK(insert.sql.find("INSERT INTO rooms") == 0);
  CHECK(std::get<std::string>(insert.params.at(2)) == "7:8");
  REQUIRE(ctx.database.published.size() == 1);
  CHECK(ctx.database.published[0].type == "RoomCreated");
  CHECK(ctx.database.published[0].data["member_ids"] == json{7, 8});
  CHECK(ctx.database.published[0].data["created_by"] == 7);
}

TEST_CASE("a direct room that exists is answered with 200 and nothing is written", "[rooms]") {
  auto ctx = as_user(8);
  ctx.database.answer(one_value(0));
  ctx.database.answer(rows({common::testing::make_row({"id"}, {std::int64_t{55}})}));
  answer_room_view(ctx.database, 55, "direct", {7, 8}, 3);
  auto const response = chat::handle_create_room(post({{"type", "direct"}, {"user_id", 7}}), ctx);
  REQUIRE(response.status == 200);
  CHECK(json::parse(response.body)["unread_count"] == 3);
  CHECK(ctx.database.commits == 0);
}

TEST_CASE("a direct room is refused with 403 blocked or not_friends", "[rooms]") {
  auto ctx = as_user(7);
  ctx.database.answer(one_value(1));
  CHECK(code_of(chat::handle_create_room(post(kDirect), ctx)) == "blocked");
  ctx.database.answer(one_value(0));
  ctx.database.answer(rows({}));
  ctx.database.answer(rows({}));
  CHECK(code_of(chat::handle_create_room(post(kDirect), ctx)) == "not_friends");
  CHECK(ctx.database.commits == 0);
}

TEST_CASE("a racing creator's direct room is answered with 200", "[rooms]") {
  auto ctx = as_user(7);
  ctx.database.answer(one_value(0));
  ctx.database.answer(rows({}));
  ctx.database.answer(one_value(1));
  ctx.database.answer(rows({}));
  ctx.database.answer(one_value(0));
  ctx.database.answer_error(1062);
  ctx.database.answer(rows({common::testing::make_row({"id"}, {std::int64_t{56}})}));
  answer_room_view(ctx.database, 56, "direct", {8, 7});
  auto const response = chat::handle_create_room(post(kDirect), ctx);
  CHECK(response.status == 200);
  CHECK(json::parse(response.body)["id"] == 56);
  CHECK(ctx.database.published.empty());
}

TEST_CASE("a group of friends is created with the caller first", "[rooms]") {
  auto ctx = as_user(7);
  ctx.database.answer(rows({}));  // no strangers
  ctx.database.answer(affected(1, 60));
  ctx.database.answer(affected(3));
  ctx.database.answer(affected(1));
  answer_room_view(ctx.database, 60, "group", {7, 8, 9});
  auto const response =
      chat::handle_create_room(post({{"type", "group"}, {"name", "Team"}, {"member_ids", {8, 9}}}), ctx);
  REQUIRE(response.status == 201);
  CHECK(json::parse(response.body)["name"] == "Team");
  auto const& members = ctx.database.statements.at(2);
  CHECK(members.sql.find("JSON_TABLE") != std::string::npos);
  CHECK(std::get<std::string>(members.params.at(3)) == "[7,8,9]");
  CHECK(std::get<std::string>(ctx.database.statements.at(3).params.at(0)) == "7,8,9");
  REQUIRE(ctx.database.published.size() == 1);
  CHECK(ctx.database.published[0].data["room_type"] == "group");
}

TEST_CASE("a group with a stranger is 403 not_friends; a bad body is 422", "[rooms]") {
  auto ctx = as_user(7);
  ctx.database.answer(rows({common::testing::make_row({"id"}, {std::int64_t{9}})}));
  auto const body = json{{"type", "group"}, {"name", "Team"}, {"member_ids", {8, 9}}};
  CHECK(code_of(chat::handle_create_room(post(body), ctx)) == "not_friends");
  CHECK(chat::handle_create_room(post({{"type", "group"}, {"member_ids", {8}}}), ctx).status == 422);
  CHECK(ctx.database.commits == 0);
}

TEST_CASE("GET /chat/rooms lists the caller's rooms; GET one is 404 for a non-member", "[rooms]") {
  auto ctx = as_user(7);
  answer_room_view(ctx.database, 55, "direct", {7, 8}, 2);
  auto const list = chat::handle_list_rooms(kfn::HttpRequest{}, ctx);
  REQUIRE(list.status == 200);
  auto const rooms = json::parse(list.body)["rooms"];
  REQUIRE(rooms.size() == 1);
  CHECK(rooms[0]["unread_count"] == 2);
  CHECK(rooms[0]["members"][1]["username"] == "user8");
  CHECK(ctx.database.statements.at(0).sql.find("ORDER BY r.last_activity_at DESC") != std::string::npos);

  kfn::HttpRequest get;
  get.path_params = {{"room_id", "55"}};
  ctx.database.answer(rows({}));
  CHECK(chat::handle_get_room(get, ctx).status == 404);
}

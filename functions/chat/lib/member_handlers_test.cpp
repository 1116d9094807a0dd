#include "lib/member_handlers.h"

#include <catch2/catch.hpp>

#include "common/testing/fake_context.h"
#include "lib/test_rows.h"

using chat::testing::affected;
using chat::testing::answer_room_view;
using chat::testing::room_rows;
using chat::testing::rows;
using common::testing::FakeContext;
using nlohmann::json;

namespace {

kfn::HttpRequest add(json const& body) {
  kfn::HttpRequest req;
  req.method = "POST";
  req.path_params = {{"room_id", "60"}};
  req.body = body.dump();
  return req;
}

kfn::HttpRequest leave() {
  kfn::HttpRequest req;
  req.method = "DELETE";
  req.path_params = {{"room_id", "60"}};
  return req;
}

FakeContext as_user(std::int64_t id) {
  FakeContext ctx;
  ctx.identity = kfn::Identity{id, "jti", 1900000000};
  return ctx;
}

kfn::SqlResult profiles(std::vector<std::int64_t> const& ids) {
  std::vector<kfn::Row> list;
  for (auto const id : ids) {
    list.push_back(
        common::testing::make_row({"id", "username", "display_name", "status_message", "avatar_url"},
                                  {id, "user" + std::to_string(id), std::string("U"), nullptr, nullptr}));
  }
  return rows(std::move(list));
}

std::string code_of(kfn::HttpResponse const& response) {
  return json::parse(response.body)["error"]["code"].get<std::string>();
}

}  // namespace

TEST_CASE("adding friends to a group publishes one MemberJoined each, with the list after", "[members]") {
  auto ctx = as_user(7);
  ctx.database.answer(room_rows("group", 12, false, {7, 8}));
  ctx.database.answer(rows({}));  // all friends
  ctx.database.answer(affected(2));
  ctx.database.answer(affected(1));
  ctx.database.answer(profiles({9, 10}));
  answer_room_view(ctx.database, 60, "group", {7, 8, 9, 10});
  auto const response = chat::handle_add_members(add({{"user_ids", {8, 9, 10}}}), ctx);
  REQUIRE(response.status == 200);
  CHECK(json::parse(response.body)["members"].size() == 4);
  auto const& insert = ctx.database.statements.at(2);
  CHECK(std::get<std::string>(insert.params.at(3)) == "[9,10]");
  CHECK(std::get<std::int64_t>(insert.params.at(2)) == 12);  // newcomers start with nothing unread
  REQUIRE(ctx.database.published.size() == 2);
  CHECK(ctx.database.published[0].type == "MemberJoined");
  CHECK(ctx.database.published[0].data["member_ids"] == json{7, 8, 9});
  CHECK(ctx.database.published[1].data["member_ids"] == json{7, 8, 9, 10});
  CHECK(ctx.database.published[1].data["added_by"] == 7);
}

TEST_CASE("adding members is 404 for outsiders, 403 in a direct room or for strangers", "[members]") {
  auto outsider = as_user(9);
  outsider.database.answer(room_rows("group", 1, false, {7, 8}));
  CHECK(chat::handle_add_members(add({{"user_ids", {9}}}), outsider).status == 404);

  auto ctx = as_user(7);
  ctx.database.answer(room_rows("direct", 1, false, {7, 8}));
  CHECK(code_of(chat::handle_add_members(add({{"user_ids", {9}}}), ctx)) == "not_a_group");
  ctx.database.answer(room_rows("group", 1, false, {7, 8}));
  ctx.database.answer(rows({common::testing::make_row({"id"}, {std::int64_t{9}})}));
  CHECK(code_of(chat::handle_add_members(add({{"user_ids", {9}}}), ctx)) == "not_friends");
  CHECK(ctx.database.commits == 0);
}

TEST_CASE("adding members past 100 is 422", "[members]") {
  chat::MemberIds full;
  for (std::int64_t id = 1; id <= 100; ++id) full.push_back(id);
  auto ctx = as_user(1);
  ctx.database.answer(room_rows("group", 1, false, full));
  ctx.database.answer(rows({}));
  CHECK(chat::handle_add_members(add({{"user_ids", {101}}}), ctx).status == 422);
}

TEST_CASE("leaving a group removes the member and publishes MemberLeft", "[members]") {
  auto ctx = as_user(8);
  ctx.database.answer(room_rows("group", 12, false, {7, 8, 9}));
  ctx.database.answer(affected(1));
  ctx.database.answer(affected(1));
  ctx.database.answer(profiles({8}));
  REQUIRE(chat::handle_leave_room(leave(), ctx).status == 204);
  CHECK(std::get<std::string>(ctx.database.statements.at(2).params.at(0)) == "7,9");
  REQUIRE(ctx.database.published.size() == 1);
  CHECK(ctx.database.published[0].type == "MemberLeft");
  CHECK(ctx.database.published[0].data["member_ids"] == json{7, 9});
  CHECK(ctx.database.published[0].data["user"]["username"] == "user8");
}

TEST_CASE("leaving is 404 for a direct room or a room the caller is not in", "[members]") {
  auto ctx = as_user(8);
  ctx.database.answer(room_rows("direct", 12, false, {7, 8}));
  CHECK(chat::handle_leave_room(leave(), ctx).status == 404);
  ctx.database.answer(room_rows("group", 12, false, {7, 9}));
  CHECK(chat::handle_leave_room(leave(), ctx).status == 404);
  CHECK(ctx.database.commits == 0);
}

#include "lib/message_change_handlers.h"

#include <catch2/catch.hpp>

#include "common/testing/fake_context.h"
#include "lib/test_rows.h"

using chat::testing::message_row;
using chat::testing::room_rows;
using chat::testing::rows;
using common::testing::FakeContext;
using nlohmann::json;

namespace {

kfn::HttpRequest request(char const* method, json const& body = json()) {
  kfn::HttpRequest req;
  req.method = method;
  req.path_params = {{"room_id", "3"}, {"message_id", "50"}};
  if (!body.is_null()) req.body = body.dump();
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

// The fake clock reads 2026-11-21 12:00:00; message_row's default is five minutes earlier.
void script_message(FakeContext& ctx, std::int64_t author,
                    std::string const& created_at = "2026-11-21 11:55:00.000", bool deleted = false) {
  ctx.database.answer(room_rows("group", 9, false, {7, 8}));
  ctx.database.answer(rows({message_row(50, 3, 4, author, "old", created_at, deleted)}));
}

}  // namespace

TEST_CASE("the author edits within the window: new content, edited_at, MessageEdited", "[edit]") {
  auto ctx = as_user(7);
  script_message(ctx, 7);
  auto const response = chat::handle_edit_message(request("PATCH", {{"content", "new"}}), ctx);
  REQUIRE(response.status == 200);
  auto const message = json::parse(response.body);
  CHECK(message["content"] == "new");
  CHECK(message["edited_at"] == "2026-11-21T12:00:00.000Z");
  CHECK(message["seq"] == 4);
  CHECK(ctx.database.statements.at(1).sql.find("FOR UPDATE") != std::string::npos);
  REQUIRE(ctx.database.published.size() == 1);
  CHECK(ctx.database.published[0].type == "MessageEdited");
  CHECK(ctx.database.published[0].data["member_ids"] == json{7, 8});
  CHECK(ctx.database.published[0].data["message"]["content"] == "new");
}

TEST_CASE("editing someone else's message is 403 not_author", "[edit]") {
  auto ctx = as_user(8);
  script_message(ctx, 7);
  auto const response = chat::handle_edit_message(request("PATCH", {{"content", "new"}}), ctx);
  CHECK(response.status == 403);
  CHECK(code_of(response) == "not_author");
  CHECK(ctx.database.commits == 0);
}

TEST_CASE("editing after 15 minutes is 403 edit_window_closed", "[edit]") {
  auto ctx = as_user(7);
  script_message(ctx, 7, "2026-11-21 11:44:59.999");
  auto const response = chat::handle_edit_message(request("PATCH", {{"content", "new"}}), ctx);
  CHECK(response.status == 403);
  CHECK(code_of(response) == "edit_window_closed");
}

TEST_CASE("editing a deleted or unknown message is 404, and so is a room the caller is not in", "[edit]") {
  auto ctx = as_user(7);
  script_message(ctx, 7, "2026-11-21 11:55:00.000", true);
  CHECK(code_of(chat::handle_edit_message(request("PATCH", {{"content", "x"}}), ctx)) == "message_not_found");
  ctx.database.answer(room_rows("group", 9, false, {7, 8}));
  ctx.database.answer(rows({}));
  CHECK(code_of(chat::handle_edit_message(request("PATCH", {{"content", "x"}}), ctx)) == "message_not_found");
  auto outsider = as_user(9);
  outsider.database.answer(room_rows("group", 9, false, {7, 8}));
  CHECK(code_of(chat::handle_edit_message(request("PATCH", {{"content", "x"}}), outsider)) ==
        "room_not_found");
}

TEST_CASE("an edit with empty content is 422 before any statement", "[edit]") {
  auto ctx = as_user(7);
  CHECK(chat::handle_edit_message(request("PATCH", {{"content", ""}}), ctx).status == 422);
  CHECK(ctx.database.statements.empty());
}

TEST_CASE("the author deletes at any time: empty content, deleted, MessageDeleted", "[delete]") {
  auto ctx = as_user(7);
  script_message(ctx, 7, "2026-01-01 00:00:00.000");
  auto const response = chat::handle_delete_message(request("DELETE"), ctx);
  REQUIRE(response.status == 204);
  auto const& update = ctx.database.statements.at(2);
  CHECK(update.sql.find("UPDATE messages SET content") == 0);
  CHECK(std::get<std::string>(update.params.at(0)).empty());
  CHECK(std::get<std::int64_t>(update.params.at(2)) == 1);
  REQUIRE(ctx.database.published.size() == 1);
  CHECK(ctx.database.published[0].type == "MessageDeleted");
  CHECK_FALSE(ctx.database.published[0].data.contains("message"));
}

TEST_CASE("deleting someone else's message is 403; deleting twice changes nothing", "[delete]") {
  auto other = as_user(8);
  script_message(other, 7);
  CHECK(code_of(chat::handle_delete_message(request("DELETE"), other)) == "not_author");

  auto ctx = as_user(7);
  script_message(ctx, 7, "2026-11-21 11:55:00.000", true);
  CHECK(chat::handle_delete_message(request("DELETE"), ctx).status == 204);
  CHECK(ctx.database.published.empty());
  CHECK(ctx.database.statements.size() == 2);
}

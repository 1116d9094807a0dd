// The chat context end to end against the real runner: friends get their direct room from
// friend.events, then chat over HTTP — history in both directions, edits and deletes, read markers
// and unread counts, idempotent retries, and blocks that stop the conversation.
#include <catch2/catch.hpp>
#include <set>

#include "chat_test_support.h"
#include "runner_process.h"

using namespace chat_test;
using kfn::test::body_of;
using kfn::test::register_and_login;
using kfn::test::shared_runner;

namespace {

struct Pair {
  TestUser ann;
  TestUser bob;
  std::int64_t room_id = 0;
};

Pair friends_with_room(HttpClient& client) {
  Pair pair{register_and_login(client, "ca"), register_and_login(client, "cb"), 0};
  befriend(client, pair.ann, pair.bob);
  pair.room_id = direct_room(client, pair.ann, pair.bob)["id"].get<std::int64_t>();
  return pair;
}

std::int64_t unread_of(HttpClient& client, TestUser const& user, std::int64_t room_id) {
  return room(client, user, room_id)["unread_count"].get<std::int64_t>();
}

}  // namespace

TEST_CASE("accepted friends find their direct room, and POST /chat/rooms returns that room") {
  auto client = shared_runner().client();
  auto pair = friends_with_room(*client);
  auto const seen_by_bob = direct_room(*client, pair.bob, pair.ann);
  CHECK(seen_by_bob["id"] == pair.room_id);
  CHECK(seen_by_bob["members"].size() == 2);
  CHECK(seen_by_bob["last_message"].is_null());
  CHECK(seen_by_bob["unread_count"] == 0);

  auto const again =
      call(*client, pair.bob, "POST", "/chat/rooms", {{"type", "direct"}, {"user_id", pair.ann.id}});
  REQUIRE(again.status == 200);
  CHECK(body_of(again)["id"] == pair.room_id);

  // Members are shown with the profiles chat-users-projection learned from user.events.
  auto const named =
      poll([&] { return call(*client, pair.ann, "GET", room_path("/chat/rooms/", pair.room_id)); },
           [&](ClientResponse const& r) {
             auto const body = body_of(r);
             for (auto const& m : body["members"]) {
               if (m["username"] != pair.bob.username && m["username"] != pair.ann.username) return false;
             }
             return true;
           });
  auto const members = body_of(named)["members"];
  std::set<std::string> usernames;
  for (auto const& member : members) usernames.insert(member["username"].get<std::string>());
  CHECK(usernames == std::set<std::string>{pair.ann.username, pair.bob.username});
  CHECK_FALSE(members[0].contains("is_online"));
}

TEST_CASE("a direct room with a stranger is 403 not_friends; rooms of others are 404") {
  auto client = shared_runner().client();
  auto pair = friends_with_room(*client);
  auto stranger = register_and_login(*client, "cs");
  auto const refused =
      call(*client, stranger, "POST", "/chat/rooms", {{"type", "direct"}, {"user_id", pair.ann.id}});
  CHECK(refused.status == 403);
  CHECK(code_of(refused) == "not_friends");
  CHECK(call(*client, stranger, "GET", room_path("/chat/rooms/", pair.room_id)).status == 404);
  CHECK(send(*client, stranger, pair.room_id, "hi").status == 404);
  CHECK(call(*client, stranger, "GET", room_path("/messages/", pair.room_id)).status == 404);
  CHECK(
      call(*client, stranger, "POST", room_path("/messages/", pair.room_id, "/read"), {{"seq", 1}}).status ==
      404);
  CHECK(call(*client, pair.ann, "GET", "/chat/rooms/999999999").status == 404);
}

TEST_CASE("messages get seq 1, 2, 3 and history pages both ways with has_more") {
  auto client = shared_runner().client();
  auto pair = friends_with_room(*client);
  for (int i = 1; i <= 5; ++i) {
    auto const sent = send(*client, i % 2 ? pair.ann : pair.bob, pair.room_id, "m" + std::to_string(i));
    REQUIRE(sent.status == 201);
    CHECK(body_of(sent)["seq"] == i);
    CHECK(body_of(sent)["message_type"] == "text");
    CHECK(body_of(sent)["deleted"] == false);
  }
  auto const newest = history(*client, pair.bob, pair.room_id, "limit=2");
  CHECK(seqs_of(newest) == std::vector<std::int64_t>{5, 4});
  CHECK(newest["has_more"] == true);
  CHECK(seqs_of(history(*client, pair.bob, pair.room_id, "before_seq=4&limit=2")) ==
        std::vector<std::int64_t>{3, 2});
  auto const first = history(*client, pair.bob, pair.room_id, "before_seq=2&limit=2");
  CHECK(seqs_of(first) == std::vector<std::int64_t>{1});
  CHECK(first["has_more"] == false);
  auto const oldest = history(*client, pair.bob, pair.room_id, "after_seq=0&limit=2");
  CHECK(seqs_of(oldest) == std::vector<std::int64_t>{1, 2});
  CHECK(oldest["has_more"] == true);
  auto const tail = history(*client, pair.bob, pair.room_id, "after_seq=3&limit=2");
  CHECK(seqs_of(tail) == std::vector<std::int64_t>{4, 5});
  CHECK(tail["has_more"] == false);
  CHECK(tail["messages"][1]["content"] == "m5");
  CHECK(call(*client, pair.bob, "GET", room_path("/messages/", pair.room_id, "?limit=101")).status == 422);
  CHECK(call(*client, pair.bob, "GET", room_path("/messages/", pair.room_id, "?limit=x")).status == 400);
  CHECK(send(*client, pair.ann, pair.room_id, "").status == 422);
  CHECK(send(*client, pair.ann, pair.room_id, std::string(4001, 'a')).status == 422);

  auto const listed = direct_room(*client, pair.bob, pair.ann);
  CHECK(listed["last_message"]["seq"] == 5);
}

TEST_CASE("only the author edits and deletes; a deleted message stays, empty") {
  auto client = shared_runner().client();
  auto pair = friends_with_room(*client);
  auto const sent = body_of(send(*client, pair.ann, pair.room_id, "draft"));
  auto const path =
      room_path("/messages/", pair.room_id) + "/" + std::to_string(sent["id"].get<std::int64_t>());

  auto const edited = call(*client, pair.ann, "PATCH", path, {{"content", "final"}});
  REQUIRE(edited.status == 200);
  CHECK(body_of(edited)["content"] == "final");
  CHECK(body_of(edited)["edited_at"].is_string());
  CHECK(body_of(edited)["seq"] == sent["seq"]);

  auto const not_author = call(*client, pair.bob, "PATCH", path, {{"content", "mine"}});
  CHECK(not_author.status == 403);
  CHECK(code_of(not_author) == "not_author");
  CHECK(code_of(call(*client, pair.bob, "DELETE", path)) == "not_author");
  CHECK(call(*client, pair.ann, "PATCH", room_path("/messages/", pair.room_id, "/999999999"),
             {{"content", "x"}})
            .status == 404);

  REQUIRE(call(*client, pair.ann, "DELETE", path).status == 204);
  auto const shown = history(*client, pair.bob, pair.room_id)["messages"][0];
  CHECK(shown["deleted"] == true);
  CHECK(shown["content"] == "");
  CHECK(call(*client, pair.ann, "PATCH", path, {{"content", "back"}}).status == 404);
}

TEST_CASE("read markers move unread counts forward only") {
  auto client = shared_runner().client();
  auto pair = friends_with_room(*client);
  for (int i = 0; i < 4; ++i) REQUIRE(send(*client, pair.ann, pair.room_id, "hello").status == 201);
  REQUIRE(send(*client, pair.bob, pair.room_id, "hey").status == 201);
  CHECK(unread_of(*client, pair.bob, pair.room_id) == 4);  // the own message does not count
  CHECK(unread_of(*client, pair.ann, pair.room_id) == 1);

  auto const read = room_path("/messages/", pair.room_id, "/read");
  CHECK(call(*client, pair.bob, "POST", read, {{"seq", 2}}).status == 204);
  CHECK(unread_of(*client, pair.bob, pair.room_id) == 2);
  CHECK(call(*client, pair.bob, "POST", read, {{"seq", 1}}).status == 204);
  CHECK(unread_of(*client, pair.bob, pair.room_id) == 2);
  CHECK(call(*client, pair.bob, "POST", read, {{"seq", 1000}}).status == 204);
  CHECK(unread_of(*client, pair.bob, pair.room_id) == 0);
  CHECK(call(*client, pair.bob, "POST", read, {{"seq", "x"}}).status == 422);
  REQUIRE(send(*client, pair.ann, pair.room_id, "more").status == 201);
  CHECK(unread_of(*client, pair.bob, pair.room_id) == 1);
}

TEST_CASE("a repeated client_message_id returns the first message and stores one") {
  auto client = shared_runner().client();
  auto pair = friends_with_room(*client);
  auto const first = send(*client, pair.ann, pair.room_id, "once", "client-1");
  REQUIRE(first.status == 201);
  auto const repeat = send(*client, pair.ann, pair.room_id, "once", "client-1");
  REQUIRE(repeat.status == 200);
  CHECK(body_of(repeat) == body_of(first));
  CHECK(body_of(first)["client_message_id"] == "client-1");
  // Another sender may use the same client id: ids are the sender's own.
  CHECK(send(*client, pair.bob, pair.room_id, "mine", "client-1").status == 201);
  CHECK(seqs_of(history(*client, pair.ann, pair.room_id)) == std::vector<std::int64_t>{2, 1});
}

TEST_CASE("a block stops messaging both ways and an unblock lets it resume") {
  auto client = shared_runner().client();
  auto pair = friends_with_room(*client);
  REQUIRE(send(*client, pair.bob, pair.room_id, "before").status == 201);
  REQUIRE(call(*client, pair.ann, "POST", "/friends/block/" + std::to_string(pair.bob.id)).status == 204);

  // Until friend.events reached the chat context, sends still go through: count them.
  std::int64_t sent = 1;
  auto const refused = poll(
      [&] {
        auto response = send(*client, pair.bob, pair.room_id, "after");
        if (response.status == 201) ++sent;
        return response;
      },
      [](ClientResponse const& r) { return r.status == 403; });
  CHECK(refused.status == 403);
  CHECK(code_of(refused) == "blocked");
  CHECK(code_of(send(*client, pair.ann, pair.room_id, "mine")) == "blocked");
  auto const direct =
      call(*client, pair.bob, "POST", "/chat/rooms", {{"type", "direct"}, {"user_id", pair.ann.id}});
  CHECK(code_of(direct) == "blocked");
  CHECK(history(*client, pair.ann, pair.room_id)["messages"][0]["seq"] == sent);

  REQUIRE(call(*client, pair.ann, "DELETE", "/friends/block/" + std::to_string(pair.bob.id)).status == 204);
  auto const resumed = poll([&] { return send(*client, pair.bob, pair.room_id, "again"); },
                            [](ClientResponse const& r) { return r.status == 201; });
  CHECK(resumed.status == 201);
  CHECK(body_of(resumed)["seq"] == sent + 1);
}

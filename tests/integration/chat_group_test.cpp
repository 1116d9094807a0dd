// Group rooms end to end: five friends chat, members join and leave, strangers stay out.
#include <catch2/catch.hpp>

#include "chat_test_support.h"
#include "runner_process.h"

using namespace chat_test;
using kfn::test::body_of;
using kfn::test::register_and_login;
using kfn::test::shared_runner;

namespace {

json member_ids_of(json const& room) {
  auto ids = json::array();
  for (auto const& member : room["members"]) ids.push_back(member["id"]);
  return ids;
}

}  // namespace

TEST_CASE("a group of five chats, grows, loses a member, and keeps strangers out") {
  auto client = shared_runner().client();
  auto owner = register_and_login(*client, "go");
  std::vector<TestUser> friends;
  for (int i = 0; i < 4; ++i) {
    friends.push_back(register_and_login(*client, "gf"));
    befriend(*client, owner, friends.back());
  }
  // The chat context learns friendships from friend.events: the last direct room shows it caught up.
  for (auto const& user : friends) direct_room(*client, owner, user);

  json member_ids = json::array();
  for (auto const& user : friends) member_ids.push_back(user.id);
  auto const created = call(*client, owner, "POST", "/chat/rooms",
                            {{"type", "group"}, {"name", "Five"}, {"member_ids", member_ids}});
  REQUIRE(created.status == 201);
  auto const group = body_of(created);
  auto const room_id = group["id"].get<std::int64_t>();
  CHECK(group["type"] == "group");
  CHECK(group["name"] == "Five");
  CHECK(member_ids_of(group) == json({owner.id, friends[0].id, friends[1].id, friends[2].id, friends[3].id}));

  REQUIRE(send(*client, owner, room_id, "welcome").status == 201);
  for (auto const& user : friends)
    REQUIRE(send(*client, user, room_id, "hi from " + user.username).status == 201);
  CHECK(seqs_of(history(*client, friends[2], room_id)) == std::vector<std::int64_t>{5, 4, 3, 2, 1});
  CHECK(room(*client, friends[0], room_id)["unread_count"] == 4);

  auto stranger = register_and_login(*client, "gs");
  CHECK(call(*client, stranger, "GET", room_path("/chat/rooms/", room_id)).status == 404);
  CHECK(send(*client, stranger, room_id, "let me in").status == 404);
  auto const not_friend = call(*client, owner, "POST", room_path("/chat/rooms/", room_id, "/members"),
                               {{"user_ids", {stranger.id}}});
  CHECK(not_friend.status == 403);
  CHECK(code_of(not_friend) == "not_friends");
  auto const with_stranger = call(*client, owner, "POST", "/chat/rooms",
                                  {{"type", "group"}, {"name", "No"}, {"member_ids", {stranger.id}}});
  CHECK(code_of(with_stranger) == "not_friends");

  befriend(*client, owner, stranger);
  direct_room(*client, owner, stranger);
  auto const added = call(*client, owner, "POST", room_path("/chat/rooms/", room_id, "/members"),
                          {{"user_ids", {stranger.id, friends[0].id}}});
  REQUIRE(added.status == 200);
  CHECK(body_of(added)["members"].size() == 6);
  CHECK(room(*client, stranger, room_id)["unread_count"] == 0);  // joins with the backlog read
  REQUIRE(send(*client, stranger, room_id, "thanks").status == 201);

  REQUIRE(call(*client, friends[3], "DELETE", room_path("/chat/rooms/", room_id, "/members/me")).status ==
          204);
  CHECK(send(*client, friends[3], room_id, "still here?").status == 404);
  CHECK(call(*client, friends[3], "DELETE", room_path("/chat/rooms/", room_id, "/members/me")).status == 404);
  CHECK(room(*client, owner, room_id)["members"].size() == 5);

  auto const direct_id = direct_room(*client, owner, friends[0])["id"].get<std::int64_t>();
  CHECK(call(*client, owner, "POST", room_path("/chat/rooms/", direct_id, "/members"),
             {{"user_ids", {friends[1].id}}})
            .status == 403);
  CHECK(call(*client, owner, "DELETE", room_path("/chat/rooms/", direct_id, "/members/me")).status == 404);
  CHECK(call(*client, owner, "POST", "/chat/rooms",
             {{"type", "group"}, {"name", ""}, {"member_ids", json::array()}})
            .status == 422);
}

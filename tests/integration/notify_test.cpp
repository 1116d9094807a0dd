// The notify context end to end: domain events produced onto the runner's embedded Kafka (as the
// social and chat contexts publish them) become deliveries on notification.events, notifications
// behind GET /notifications, and presence behind GET /presence.
#include <catch2/catch.hpp>

#include "kafka_reader.h"
#include "notify_test_events.h"
#include "runner_process.h"
#include "test_users.h"

using kfn::test::bearer;
using kfn::test::body_of;
using kfn::test::ConsumedRecord;
using kfn::test::shared_runner;
using kfn::test::TestUser;
using nlohmann::json;

namespace {

std::string key_of(TestUser const& user) { return std::to_string(user.id); }

json get_json(kfn::runner::HttpClient& client, std::string const& path, TestUser const& user) {
  auto const response = client.request("GET", path, {}, {bearer(user.access_token)});
  REQUIRE(response.status == 200);
  return body_of(response);
}

// The caller's notifications of `type` whose payload names `field` = `value`.
std::vector<json> notifications_about(kfn::runner::HttpClient& client, TestUser const& user,
                                      std::string const& type, std::string const& field, json const& value,
                                      std::string const& query = "") {
  std::vector<json> found;
  auto body = get_json(client, "/notifications" + query, user);
  for (auto n : body["notifications"]) {
    auto& payload = n["payload"];
    bool const names = field == "user" ? payload["user"]["id"] == value : payload[field] == value;
    if (n["type"] == type && names) found.push_back(n);
  }
  return found;
}

bool is_delivery(ConsumedRecord const& record, std::int64_t recipient, std::string const& event) {
  if (record.key != std::to_string(recipient) || record.headers.count("ce_type") == 0 ||
      record.headers.at("ce_type") != "EventDelivery") {
    return false;
  }
  auto data = json::parse(record.value, nullptr, false);
  return !data.is_discarded() && data.is_object() && data["recipient_id"] == recipient &&
         data["event"] == event;
}

}  // namespace

TEST_CASE("a friend request is delivered to the target's streams and notified to them") {
  auto& runner = shared_runner();
  auto client = runner.client();
  auto const requester = kfn::test::register_and_login(*client, "nfr");
  auto const target = kfn::test::register_and_login(*client, "nft");
  kfn::test::EventProducer producer(runner.kafka_bootstrap());
  producer.produce("friend.events", key_of(requester), "FriendRequestSent",
                   kfn::test::friend_request_sent(requester.id, target.id));

  kfn::test::KafkaReader reader(runner.kafka_bootstrap(), "notification.events");
  auto const delivery =
      reader.find([&](auto const& r) { return is_delivery(r, target.id, "friend.request_received"); });
  REQUIRE(delivery);
  CHECK(delivery->headers.at("ce_source") == "/kfn/notify-push");
  auto const data = json::parse(delivery->value);
  CHECK(data["data"]["user"] == kfn::test::user_snapshot(requester.id));

  REQUIRE(kfn::test::eventually([&] {
    return !notifications_about(*client, target, "friend_request_received", "user", requester.id).empty();
  }));
  auto const notification =
      notifications_about(*client, target, "friend_request_received", "user", requester.id)[0];
  CHECK(notification["read_at"].is_null());
  CHECK(notification["created_at"].get<std::string>().back() == 'Z');
  CHECK(notifications_about(*client, requester, "friend_request_received", "user", requester.id).empty());

  auto const created = reader.find([&](auto const& r) {
    return r.key == key_of(target) && r.headers.count("ce_type") &&
           r.headers.at("ce_type") == "NotificationCreated" &&
           json::parse(r.value)["notification"]["id"] == notification["id"];
  });
  REQUIRE(created);
}

TEST_CASE("messages in one room make one notification whose count grows, until it is read") {
  auto& runner = shared_runner();
  auto client = runner.client();
  auto const sender = kfn::test::register_and_login(*client, "nms");
  auto const reader_user = kfn::test::register_and_login(*client, "nmr");
  auto const stranger = kfn::test::register_and_login(*client, "nmx");
  std::int64_t const room = kfn::test::unique_id();
  std::vector<std::int64_t> const members{sender.id, reader_user.id};
  kfn::test::EventProducer producer(runner.kafka_bootstrap());
  auto const room_key = std::to_string(room);

  producer.produce("message.events", room_key, "MessageSent",
                   kfn::test::message_sent(room, kfn::test::unique_id(), 1, sender.id, members, "first"));
  auto count_is = [&](int count) {
    auto const found =
        notifications_about(*client, reader_user, "message_received", "room_id", room, "?unread_only=true");
    return found.size() == 1 && found[0]["payload"]["count"] == count;
  };
  REQUIRE(kfn::test::eventually([&] { return count_is(1); }));
  producer.produce("message.events", room_key, "MessageSent",
                   kfn::test::message_sent(room, kfn::test::unique_id(), 2, sender.id, members, "second"));
  REQUIRE(kfn::test::eventually([&] { return count_is(2); }));
  auto const notification = notifications_about(*client, reader_user, "message_received", "room_id", room)[0];
  CHECK(notification["payload"]["preview"] == "second");
  CHECK(notification["payload"]["sender_id"] == sender.id);
  CHECK(notifications_about(*client, sender, "message_received", "room_id", room).empty());

  kfn::test::KafkaReader deliveries(runner.kafka_bootstrap(), "notification.events");
  for (auto const& member : {sender, reader_user}) {
    CHECK(deliveries.find([&](auto const& r) {
      return is_delivery(r, member.id, "message.sent") && json::parse(r.value)["data"]["room_id"] == room;
    }));
  }

  json const ids = {{"ids", {notification["id"]}}};
  // Someone else's ids are ignored, not refused.
  CHECK(client->request("POST", "/notifications/read", ids.dump(), {bearer(stranger.access_token)}).status ==
        204);
  CHECK(count_is(2));
  CHECK(
      client->request("POST", "/notifications/read", ids.dump(), {bearer(reader_user.access_token)}).status ==
      204);
  CHECK(notifications_about(*client, reader_user, "message_received", "room_id", room, "?unread_only=true")
            .empty());
  auto const read = notifications_about(*client, reader_user, "message_received", "room_id", room);
  REQUIRE(read.size() == 1);
  CHECK(read[0]["read_at"].is_string());

  // The next message starts a new notification for the room.
  producer.produce("message.events", room_key, "MessageSent",
                   kfn::test::message_sent(room, kfn::test::unique_id(), 3, sender.id, members, "third"));
  REQUIRE(kfn::test::eventually([&] { return count_is(1); }));
  CHECK(client
            ->request("POST", "/notifications/read", json{{"all", true}}.dump(),
                      {bearer(reader_user.access_token)})
            .status == 204);
  CHECK(get_json(*client, "/notifications?unread_only=true", reader_user)["notifications"].empty());
}

TEST_CASE("an event delivered twice makes one notification and one set of deliveries") {
  auto& runner = shared_runner();
  auto client = runner.client();
  auto const requester = kfn::test::register_and_login(*client, "ndr");
  auto const target = kfn::test::register_and_login(*client, "ndt");
  auto const later = kfn::test::register_and_login(*client, "ndl");
  kfn::test::EventProducer producer(runner.kafka_bootstrap());
  auto const data = kfn::test::friend_request_sent(requester.id, target.id);
  auto const ce_id = producer.produce("friend.events", key_of(requester), "FriendRequestSent", data);
  producer.produce("friend.events", key_of(requester), "FriendRequestSent", data, ce_id);
  // Same key, so handled after both copies: once it shows, the copies have been handled too.
  auto marker = kfn::test::friend_request_sent(requester.id, later.id);
  producer.produce("friend.events", key_of(requester), "FriendRequestSent", marker);

  REQUIRE(kfn::test::eventually([&] {
    return !notifications_about(*client, later, "friend_request_received", "user", requester.id).empty();
  }));
  CHECK(notifications_about(*client, target, "friend_request_received", "user", requester.id).size() == 1);

  int copies = 0;
  kfn::test::KafkaReader reader(runner.kafka_bootstrap(), "notification.events");
  auto const marker_seen = reader.find([&](auto const& r) {
    if (is_delivery(r, target.id, "friend.request_received")) ++copies;
    return is_delivery(r, later.id, "friend.request_received");
  });
  REQUIRE(marker_seen);
  CHECK(copies == 1);
}

TEST_CASE("presence shows friends' online state and hides everyone else's") {
  auto& runner = shared_runner();
  auto client = runner.client();
  auto const me = kfn::test::register_and_login(*client, "npm");
  auto const pal = kfn::test::register_and_login(*client, "npf");
  auto const stranger = kfn::test::register_and_login(*client, "nps");
  kfn::test::EventProducer producer(runner.kafka_bootstrap());
  producer.produce("friend.events", key_of(pal), "FriendRequestAccepted",
                   kfn::test::friend_request_accepted(me.id, pal.id));
  std::string const path = "/presence?user_ids=" + std::to_string(pal.id) + "," +
                           std::to_string(stranger.id) + "," + std::to_string(me.id);
  REQUIRE(kfn::test::eventually([&] { return get_json(*client, path, me)["presence"].size() == 2; }));

  producer.produce("user.online_status", key_of(pal), "UserOnlineStatusChanged",
                   kfn::test::online_status(pal.id, true));
  producer.produce("user.online_status", key_of(stranger), "UserOnlineStatusChanged",
                   kfn::test::online_status(stranger.id, true));
  REQUIRE(
      kfn::test::eventually([&] { return get_json(*client, path, me)["presence"][0]["online"] == true; }));
  auto const presence = get_json(*client, path, me)["presence"];
  REQUIRE(presence.size() == 2);
  CHECK(presence[0]["user_id"] == pal.id);
  CHECK(presence[0]["last_seen_at"].is_string());
  CHECK(presence[1] == json{{"user_id", me.id}, {"online", false}, {"last_seen_at", nullptr}});

  kfn::test::KafkaReader reader(runner.kafka_bootstrap(), "notification.events");
  auto const told = reader.find([&](auto const& r) {
    return is_delivery(r, me.id, "presence.changed") && json::parse(r.value)["data"]["user_id"] == pal.id;
  });
  REQUIRE(told);
  CHECK(json::parse(told->value)["data"]["online"] == true);

  std::string many = "/presence?user_ids=1";
  for (int i = 2; i <= 101; ++i) many += "," + std::to_string(i);
  CHECK(client->request("GET", many, {}, {bearer(me.access_token)}).status == 422);
}

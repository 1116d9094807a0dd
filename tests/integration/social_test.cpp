// The friends routes (context `social`) and the users lookups over HTTP against the real runner,
// and what they publish on friend.events. The social context learns users from user.events and the
// users context learns blocks from friend.events, asynchronously: tests poll with a deadline.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <chrono>
#include <functional>
#include <future>
#include <thread>
#include <vector>

#include "kafka_reader.h"
#include "runner_process.h"
#include "test_users.h"

using kfn::runner::ClientResponse;
using kfn::runner::HttpClient;
using kfn::test::body_of;
using kfn::test::shared_runner;
using kfn::test::TestUser;
using nlohmann::json;

namespace {

constexpr auto kPatience = std::chrono::seconds(30);

ClientResponse call(HttpClient& client, TestUser const& as, std::string const& method,
                    std::string const& target, json const& body = nullptr) {
  return client.request(method, target, body.is_null() ? std::string() : body.dump(),
                        {kfn::test::bearer(as.access_token)});
}

std::string code_of(ClientResponse const& response) {
  auto const body = body_of(response);
  return body.contains("error") ? body["error"]["code"].get<std::string>() : std::string();
}

// Calls `attempt` until `done` accepts its answer or the deadline passes; the last answer either way.
ClientResponse poll(std::function<ClientResponse()> const& attempt,
                    std::function<bool(ClientResponse const&)> const& done) {
  auto const give_up = std::chrono::steady_clock::now() + kPatience;
  ClientResponse response = attempt();
  while (!done(response) && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    response = attempt();
  }
  return response;
}

// Until user.events reached the social context, it knows neither user (404 user_not_found for the
// target, 503 for the caller).
bool social_knows_both(ClientResponse const& r) {
  return r.status != 503 && !(r.status == 404 && code_of(r) == "user_not_found");
}

ClientResponse request_when_known(HttpClient& client, TestUser const& from, TestUser const& to) {
  return poll(
      [&] {
        return call(client, from, "POST", "/friends/request", {{"target_user_id", to.id}});
      },
      social_knows_both);
}

std::string path(char const* prefix, TestUser const& user) { return prefix + std::to_string(user.id); }

// The ids of the users in a list: items are PublicUser, or {"user": PublicUser, ...} when `nested`.
std::vector<std::int64_t> ids_in(json const& items, bool nested = false) {
  std::vector<std::int64_t> ids;
  for (auto const& item : items) ids.push_back((nested ? item["user"] : item)["id"].get<std::int64_t>());
  return ids;
}

bool contains(std::vector<std::int64_t> const& ids, TestUser const& user) {
  return std::find(ids.begin(), ids.end(), user.id) != ids.end();
}

std::vector<std::int64_t> friends_of(HttpClient& client, TestUser const& user) {
  return ids_in(body_of(call(client, user, "GET", "/friends/list"))["friends"]);
}

// friend.events as read so far, so records can be looked up in any order.
class FriendEvents {
 public:
  FriendEvents() : reader_(shared_runner().kafka_bootstrap(), "friend.events") {}

  // The data of the first `type` record keyed by `actor` that `match` accepts.
  json find(std::string const& type, TestUser const& actor,
            std::function<bool(json const&)> const& match = {}) {
    auto wanted = [&](kfn::test::ConsumedRecord const& r) {
      auto const ce_type = r.headers.find("ce_type");
      if (ce_type == r.headers.end() || ce_type->second != type || r.key != std::to_string(actor.id))
        return false;
      return !match || match(json::parse(r.value));
    };
    for (auto const& record : seen_) {
      if (wanted(record)) return json::parse(record.value);
    }
    auto found = reader_.find([&](auto const& r) {
      seen_.push_back(r);
      return wanted(r);
    });
    return found ? json::parse(found->value) : json();
  }

 private:
  kfn::test::KafkaReader reader_;
  std::vector<kfn::test::ConsumedRecord> seen_;
};

FriendEvents& friend_events() {
  static FriendEvents events;
  return events;
}

void check_snapshot(json const& snapshot, TestUser const& user) {
  CHECK(snapshot["id"] == user.id);
  CHECK(snapshot["username"] == user.username);
  CHECK(snapshot.contains("display_name"));
  CHECK(snapshot.contains("status_message"));
  CHECK(snapshot.contains("avatar_url"));
}

// FriendRequestSent by ann and FriendRequestAccepted by bob, with docs/events.md's data.
void check_request_events(TestUser const& ann, TestUser const& bob, json const& request) {
  auto const sent_event = friend_events().find("FriendRequestSent", ann);
  REQUIRE_FALSE(sent_event.is_null());
  CHECK(sent_event["event_type"] == "FriendRequestSent");
  CHECK(sent_event["user_id"] == ann.id);
  CHECK(sent_event["requester_id"] == ann.id);
  CHECK(sent_event["target_user_id"] == bob.id);
  CHECK(sent_event["created_at"] == request["created_at"]);
  check_snapshot(sent_event["requester"], ann);
  auto const accepted_event = friend_events().find("FriendRequestAccepted", bob);
  REQUIRE_FALSE(accepted_event.is_null());
  CHECK(accepted_event["user_id"] == bob.id);
  CHECK(accepted_event["requester_id"] == ann.id);
  CHECK(accepted_event["target_user_id"] == bob.id);
  check_snapshot(accepted_event["requester"], ann);
  check_snapshot(accepted_event["target"], bob);
  CHECK(accepted_event.contains("created_at"));
}

// Both users are known to the social context, without a relation between them: a third user's
// requests to each succeed only once user.events has reached it.
void wait_until_known(HttpClient& client, TestUser const& introducer, TestUser const& a, TestUser const& b) {
  REQUIRE(request_when_known(client, introducer, a).status == 201);
  REQUIRE(request_when_known(client, introducer, b).status == 201);
}

}  // namespace

TEST_CASE("a friend request stays pending until its addressee accepts; then both are friends") {
  auto client = shared_runner().client();
  auto ann = kfn::test::register_and_login(*client, "fa");
  auto bob = kfn::test::register_and_login(*client, "fb");

  auto const sent = request_when_known(*client, ann, bob);
  REQUIRE(sent.status == 201);
  auto const request = body_of(sent);
  CHECK(request["requester_id"] == ann.id);
  CHECK(request["target_user_id"] == bob.id);
  CHECK(request["status"] == "pending");
  CHECK(request["created_at"].get<std::string>().back() == 'Z');

  auto const again = call(*client, ann, "POST", "/friends/request", {{"target_user_id", bob.id}});
  CHECK(again.status == 409);
  CHECK(code_of(again) == "request_pending");
  auto const own = call(*client, ann, "PUT", path("/friends/status/", ann), {{"status", "accepted"}});
  CHECK(own.status == 404);
  CHECK(code_of(own) == "request_not_found");

  auto const bobs = body_of(call(*client, bob, "GET", "/friends/requests"));
  CHECK(contains(ids_in(bobs["received"], true), ann));
  CHECK(bobs["received"][0]["created_at"] == request["created_at"]);
  CHECK(contains(ids_in(body_of(call(*client, ann, "GET", "/friends/requests"))["sent"], true), bob));

  auto const accepted = call(*client, bob, "PUT", path("/friends/status/", ann), {{"status", "accepted"}});
  REQUIRE(accepted.status == 200);
  CHECK(body_of(accepted) ==
        json{{"requester_id", ann.id}, {"target_user_id", bob.id}, {"status", "accepted"}});
  CHECK(contains(friends_of(*client, ann), bob));
  CHECK(contains(friends_of(*client, bob), ann));
  auto const listed = body_of(call(*client, ann, "GET", "/friends/list"))["friends"][0];
  CHECK(listed["username"] == bob.username);
  CHECK(listed["since"].get<std::string>().back() == 'Z');
  CHECK(body_of(call(*client, bob, "GET", "/friends/requests"))["received"].empty());
  CHECK(code_of(call(*client, ann, "POST", "/friends/request", {{"target_user_id", bob.id}})) ==
        "already_friends");

  check_request_events(ann, bob, request);
}

TEST_CASE("unfriending ends a friendship once") {
  auto client = shared_runner().client();
  auto ann = kfn::test::register_and_login(*client, "fu");
  auto bob = kfn::test::register_and_login(*client, "fv");
  REQUIRE(request_when_known(*client, ann, bob).status == 201);
  REQUIRE(call(*client, bob, "POST", "/friends/request", {{"target_user_id", ann.id}}).status == 200);

  CHECK(call(*client, ann, "DELETE", path("/friends/", bob)).status == 204);
  auto const repeat = call(*client, ann, "DELETE", path("/friends/", bob));
  CHECK(repeat.status == 404);
  CHECK(code_of(repeat) == "not_friends");
  CHECK_FALSE(contains(friends_of(*client, bob), ann));
  auto const removed = friend_events().find("FriendRemoved", ann);
  REQUIRE_FALSE(removed.is_null());
  CHECK(removed["friend_id"] == bob.id);
  check_snapshot(removed["user"], ann);
}

TEST_CASE("mutual requests sent at the same moment make exactly one friendship") {
  auto client = shared_runner().client();
  auto introducer = kfn::test::register_and_login(*client, "fz");
  for (int round = 0; round < 3; ++round) {
    auto ann = kfn::test::register_and_login(*client, "fr");
    auto bob = kfn::test::register_and_login(*client, "fs");
    wait_until_known(*client, introducer, ann, bob);
    auto send = [](TestUser const& from, TestUser const& to) {
      return call(*shared_runner().client(), from, "POST", "/friends/request", {{"target_user_id", to.id}})
          .status;
    };
    auto first = std::async(std::launch::async, send, std::cref(ann), std::cref(bob));
    auto second = std::async(std::launch::async, send, std::cref(bob), std::cref(ann));
    std::vector<int> statuses{first.get(), second.get()};
    std::sort(statuses.begin(), statuses.end());
    CHECK(statuses == std::vector<int>{200, 201});  // one request, then its acceptance
    CHECK(contains(friends_of(*client, ann), bob));
  }
}

TEST_CASE("a request to someone who asked first makes both friends at once") {
  auto client = shared_runner().client();
  auto cy = kfn::test::register_and_login(*client, "fc");
  auto di = kfn::test::register_and_login(*client, "fd");
  REQUIRE(request_when_known(*client, cy, di).status == 201);

  auto const mutual = call(*client, di, "POST", "/friends/request", {{"target_user_id", cy.id}});
  REQUIRE(mutual.status == 200);
  CHECK(body_of(mutual)["status"] == "accepted");
  CHECK(contains(friends_of(*client, cy), di));
  CHECK(contains(friends_of(*client, di), cy));
  auto const event = friend_events().find("FriendRequestAccepted", di);
  REQUIRE_FALSE(event.is_null());
  CHECK(event["requester_id"] == cy.id);
  CHECK(event["target_user_id"] == di.id);
}

TEST_CASE("the addressee may reject a request and the requester may withdraw one") {
  auto client = shared_runner().client();
  auto ed = kfn::test::register_and_login(*client, "fe");
  auto flo = kfn::test::register_and_login(*client, "ff");
  REQUIRE(request_when_known(*client, ed, flo).status == 201);

  CHECK(call(*client, flo, "PUT", path("/friends/status/", ed), {{"status", "maybe"}}).status == 422);
  auto const rejected = call(*client, flo, "PUT", path("/friends/status/", ed), {{"status", "rejected"}});
  REQUIRE(rejected.status == 200);
  CHECK(body_of(rejected)["status"] == "rejected");
  CHECK(body_of(call(*client, ed, "GET", "/friends/requests"))["sent"].empty());
  CHECK_FALSE(contains(friends_of(*client, ed), flo));
  auto const rejected_event = friend_events().find("FriendRequestRejected", flo);
  REQUIRE_FALSE(rejected_event.is_null());
  CHECK(rejected_event["requester_id"] == ed.id);
  check_snapshot(rejected_event["target"], flo);

  REQUIRE(call(*client, ed, "POST", "/friends/request", {{"target_user_id", flo.id}}).status == 201);
  CHECK(call(*client, ed, "DELETE", path("/friends/request/", flo)).status == 204);
  CHECK(call(*client, ed, "DELETE", path("/friends/request/", flo)).status == 404);
  CHECK(code_of(call(*client, flo, "PUT", path("/friends/status/", ed), {{"status", "accepted"}})) ==
        "request_not_found");
  auto const cancelled = friend_events().find("FriendRequestCancelled", ed);
  REQUIRE_FALSE(cancelled.is_null());
  CHECK(cancelled["target_user_id"] == flo.id);
  check_snapshot(cancelled["requester"], ed);
}

TEST_CASE("a block ends friendship and requests both ways and bars requests until lifted") {
  auto client = shared_runner().client();
  auto gil = kfn::test::register_and_login(*client, "fg");
  auto hal = kfn::test::register_and_login(*client, "fh");
  auto ivy = kfn::test::register_and_login(*client, "fi");
  REQUIRE(request_when_known(*client, gil, hal).status == 201);
  REQUIRE(call(*client, hal, "PUT", path("/friends/status/", gil), {{"status", "accepted"}}).status == 200);
  REQUIRE(request_when_known(*client, ivy, gil).status == 201);

  CHECK(call(*client, gil, "POST", path("/friends/block/", hal)).status == 204);
  CHECK(call(*client, gil, "POST", path("/friends/block/", ivy)).status == 204);
  CHECK_FALSE(contains(friends_of(*client, gil), hal));
  CHECK_FALSE(contains(friends_of(*client, hal), gil));
  CHECK(body_of(call(*client, gil, "GET", "/friends/requests"))["received"].empty());
  CHECK(body_of(call(*client, ivy, "GET", "/friends/requests"))["sent"].empty());
  for (auto const& [from, to] : {std::pair{&hal, &gil}, std::pair{&gil, &hal}, std::pair{&ivy, &gil}}) {
    auto const refused = call(*client, *from, "POST", "/friends/request", {{"target_user_id", to->id}});
    CHECK(refused.status == 403);
    CHECK(code_of(refused) == "blocked");
  }
  auto const blocked = ids_in(body_of(call(*client, gil, "GET", "/friends/blocked"))["users"]);
  CHECK(contains(blocked, hal));
  CHECK(contains(blocked, ivy));
  auto const blocked_event =
      friend_events().find("UserBlocked", gil, [&](json const& d) { return d["blocked_id"] == hal.id; });
  REQUIRE_FALSE(blocked_event.is_null());
  CHECK(blocked_event["user_id"] == gil.id);

  CHECK(call(*client, gil, "DELETE", path("/friends/block/", hal)).status == 204);
  CHECK(call(*client, gil, "DELETE", path("/friends/block/", hal)).status == 404);
  CHECK_FALSE(contains(ids_in(body_of(call(*client, gil, "GET", "/friends/blocked"))["users"]), hal));
  CHECK(call(*client, hal, "POST", "/friends/request", {{"target_user_id", gil.id}}).status == 201);
  auto const unblocked = friend_events().find("UserUnblocked", gil);
  REQUIRE_FALSE(unblocked.is_null());
  CHECK(unblocked["blocked_id"] == hal.id);
}

TEST_CASE("requests to oneself or to unknown users are refused") {
  auto client = shared_runner().client();
  auto jo = kfn::test::register_and_login(*client, "fj");
  auto const self = call(*client, jo, "POST", "/friends/request", {{"target_user_id", jo.id}});
  CHECK(self.status == 400);
  CHECK(code_of(self) == "self_request");
  auto const unknown = call(*client, jo, "POST", "/friends/request", {{"target_user_id", 900000000000}});
  CHECK(unknown.status == 404);
  CHECK(code_of(unknown) == "user_not_found");
  CHECK(code_of(call(*client, jo, "POST", "/friends/block/900000000000")) == "user_not_found");
  CHECK(call(*client, jo, "POST", path("/friends/block/", jo)).status == 400);
  CHECK(
      client->request("POST", "/friends/request", "{not json", {kfn::test::bearer(jo.access_token)}).status ==
      400);
  CHECK(client->request("GET", "/friends/list").status == 401);
}

TEST_CASE("users are looked up one at a time or in batches, as PublicUser") {
  auto client = shared_runner().client();
  auto kim = kfn::test::register_and_login(*client, "lk");
  auto lee = kfn::test::register_and_login(*client, "ll");

  auto const one = call(*client, kim, "GET", path("/users/", lee));
  REQUIRE(one.status == 200);
  auto const user = body_of(one);
  CHECK(user["id"] == lee.id);
  CHECK(user["username"] == lee.username);
  CHECK(user["display_name"] == lee.username);
  CHECK_FALSE(user.contains("email"));
  CHECK(code_of(call(*client, kim, "GET", "/users/900000000000")) == "user_not_found");

  auto const batch =
      call(*client, kim, "GET",
           "/users?user_ids=" + std::to_string(lee.id) + ",900000000000," + std::to_string(kim.id));
  REQUIRE(batch.status == 200);
  CHECK(ids_in(body_of(batch)["users"]) == std::vector<std::int64_t>{lee.id, kim.id});
  std::string too_many = "1";
  for (int i = 2; i <= 101; ++i) too_many += "," + std::to_string(i);
  CHECK(call(*client, kim, "GET", "/users?user_ids=" + too_many).status == 422);
  CHECK(call(*client, kim, "GET", "/users?user_ids=1,x").status == 422);
}

TEST_CASE("search finds users by prefix without the caller or users who blocked the caller") {
  auto client = shared_runner().client();
  auto seeker = kfn::test::register_and_login(*client, "srch");
  auto plain = kfn::test::register_and_login(*client, "srch");
  auto blocker = kfn::test::register_and_login(*client, "srch");
  std::string const prefix = seeker.username.substr(0, seeker.username.find('_') + 1);  // "srch<pid>_"
  std::string upper = prefix;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto search = [&](std::string const& query) {
    auto const response = call(*client, seeker, "GET", "/users/search?query=" + query);
    REQUIRE(response.status == 200);
    return ids_in(body_of(response)["users"]);
  };

  auto const found = search(upper);
  CHECK(contains(found, plain));
  CHECK(contains(found, blocker));
  CHECK_FALSE(contains(found, seeker));
  CHECK(ids_in(body_of(call(*client, seeker, "GET", "/users/search?query=" + prefix + "&limit=1"))["users"])
            .size() == 1);
  CHECK(search("srch%25").empty());  // '%' is matched literally
  CHECK(call(*client, seeker, "GET", "/users/search?query=").status == 422);
  CHECK(call(*client, seeker, "GET", "/users/search?query=a&limit=51").status == 422);

  std::string const display = "Zq" + plain.username;
  REQUIRE(call(*client, plain, "PUT", "/profile/me", {{"display_name", display}}).status == 200);
  CHECK(contains(search("zQ" + plain.username.substr(0, 4)), plain));

  auto const block = poll([&] { return call(*client, blocker, "POST", path("/friends/block/", seeker)); },
                          [](ClientResponse const& r) { return r.status != 404; });
  REQUIRE(block.status == 204);
  auto const hidden = poll([&] { return call(*client, seeker, "GET", "/users/search?query=" + prefix); },
                           [&](ClientResponse const& r) {
                             return r.status == 200 && !contains(ids_in(body_of(r)["users"]), blocker);
                           });
  CHECK_FALSE(contains(ids_in(body_of(hidden)["users"]), blocker));
  CHECK(contains(ids_in(body_of(hidden)["users"]), plain));
}

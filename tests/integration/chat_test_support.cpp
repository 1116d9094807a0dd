#include "chat_test_support.h"

#include <catch2/catch.hpp>
#include <thread>

namespace chat_test {

ClientResponse call(HttpClient& client, TestUser const& as, std::string const& method,
                    std::string const& target, json const& body) {
  return client.request(method, target, body.is_null() ? std::string() : body.dump(),
                        {kfn::test::bearer(as.access_token)});
}

std::string code_of(ClientResponse const& response) {
  auto const body = kfn::test::body_of(response);
  return body.contains("error") ? body["error"]["code"].get<std::string>() : std::string();
}

ClientResponse poll(std::function<ClientResponse()> const& attempt,
                    std::function<bool(ClientResponse const&)> const& done) {
  auto const give_up = std::chrono::steady_clock::now() + kPatience;
  ClientResponse response = attempt();
  while (!done(response) && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    response = attempt();
  }
  return response;
}

void befriend(HttpClient& client, TestUser const& a, TestUser const& b) {
  // Until user.events reached the social context it knows neither user (404 user_not_found, 503).
  auto const asked = poll(
      [&] {
        return call(client, a, "POST", "/friends/request", {{"target_user_id", b.id}});
      },
      [](ClientResponse const& r) {
        return r.status != 503 && !(r.status == 404 && code_of(r) == "user_not_found");
      });
  REQUIRE(asked.status == 201);
  auto const accepted =
      call(client, b, "PUT", "/friends/status/" + std::to_string(a.id), {{"status", "accepted"}});
  REQUIRE(accepted.status == 200);
}

namespace {

std::optional<json> direct_room_in(json const& rooms, std::int64_t other) {
  for (auto const& candidate : rooms) {
    if (candidate["type"] != "direct") continue;
    for (auto const& member : candidate["members"]) {
      if (member["id"] == other) return candidate;
    }
  }
  return std::nullopt;
}

}  // namespace

json direct_room(HttpClient& client, TestUser const& user, TestUser const& other) {
  auto const listed =
      poll([&] { return call(client, user, "GET", "/chat/rooms"); },
           [&](ClientResponse const& r) {
             return r.status == 200 && direct_room_in(kfn::test::body_of(r)["rooms"], other.id);
           });
  REQUIRE(listed.status == 200);
  auto const found = direct_room_in(kfn::test::body_of(listed)["rooms"], other.id);
  REQUIRE(found);
  return *found;
}

json room(HttpClient& client, TestUser const& user, std::int64_t room_id) {
  auto const response = call(client, user, "GET", room_path("/chat/rooms/", room_id));
  REQUIRE(response.status == 200);
  return kfn::test::body_of(response);
}

ClientResponse send(HttpClient& client, TestUser const& user, std::int64_t room_id,
                    std::string const& content, std::optional<std::string> const& client_message_id) {
  json body{{"content", content}};
  if (client_message_id) body["client_message_id"] = *client_message_id;
  return call(client, user, "POST", room_path("/messages/", room_id), body);
}

json history(HttpClient& client, TestUser const& user, std::int64_t room_id, std::string const& query) {
  auto const response =
      call(client, user, "GET", room_path("/messages/", room_id) + (query.empty() ? "" : "?" + query));
  REQUIRE(response.status == 200);
  return kfn::test::body_of(response);
}

std::vector<std::int64_t> seqs_of(json const& page) {
  std::vector<std::int64_t> seqs;
  for (auto const& message : page["messages"]) seqs.push_back(message["seq"].get<std::int64_t>());
  return seqs;
}

std::string room_path(char const* prefix, std::int64_t room_id, char const* suffix) {
  return prefix + std::to_string(room_id) + suffix;
}

}  // namespace chat_test

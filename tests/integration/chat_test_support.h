// Helpers for the chat context's end-to-end tests: users who are friends (over the social routes),
// their direct room once chat-friends-projection made it, sending and paging messages. Cross-context
// effects arrive through Kafka, so every wait polls with a deadline.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "http_client.h"
#include "test_users.h"

namespace chat_test {

using kfn::runner::ClientResponse;
using kfn::runner::HttpClient;
using kfn::test::TestUser;
using nlohmann::json;

inline constexpr auto kPatience = std::chrono::seconds(20);

ClientResponse call(HttpClient& client, TestUser const& as, std::string const& method,
                    std::string const& target, json const& body = nullptr);
std::string code_of(ClientResponse const& response);

// Calls `attempt` until `done` accepts its answer or kPatience passes; the last answer either way.
ClientResponse poll(std::function<ClientResponse()> const& attempt,
                    std::function<bool(ClientResponse const&)> const& done);

// `a` asks, `b` accepts (POST /friends/request, PUT /friends/status/{a}), once the social context
// knows both users. REQUIREs that they end up friends.
void befriend(HttpClient& client, TestUser const& a, TestUser const& b);

// The direct room of `user` with `other` as GET /chat/rooms shows it, once it appeared.
json direct_room(HttpClient& client, TestUser const& user, TestUser const& other);

// GET /chat/rooms/{room_id} as `user`; REQUIREs 200.
json room(HttpClient& client, TestUser const& user, std::int64_t room_id);

ClientResponse send(HttpClient& client, TestUser const& user, std::int64_t room_id,
                    std::string const& content,
                    std::optional<std::string> const& client_message_id = std::nullopt);

// GET /messages/{room_id}?<query> as `user`; REQUIREs 200.
json history(HttpClient& client, TestUser const& user, std::int64_t room_id, std::string const& query = {});
std::vector<std::int64_t> seqs_of(json const& page);

std::string room_path(char const* prefix, std::int64_t room_id, char const* suffix = "");

}  // namespace chat_test

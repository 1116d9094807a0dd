// Registering and logging in test users.
#include "test_users.h"

#include <unistd.h>

#include <atomic>
#include <stdexcept>

namespace kfn::test {

std::string unique_username(std::string const& prefix) {
  static std::atomic<int> counter{0};
  return prefix + std::to_string(getpid() % 100000) + "_" + std::to_string(counter++);
}

nlohmann::json body_of(kfn::runner::ClientResponse const& response) {
  auto parsed = nlohmann::json::parse(response.body, nullptr, false);
  if (parsed.is_discarded()) {
    throw std::runtime_error("not JSON (status " + std::to_string(response.status) + "): " + response.body);
  }
  return parsed;
}

std::pair<std::string, std::string> bearer(std::string const& token) {
  return {"Authorization", "Bearer " + token};
}

TestUser register_and_login(kfn::runner::HttpClient& client, std::string const& prefix) {
  TestUser user;
  user.username = unique_username(prefix);
  user.email = user.username + "@example.com";
  user.password = "correct horse battery";
  auto reg = client.request("POST", "/auth/register",
                            nlohmann::json{{"email", user.email}, {"username", user.username},
                                           {"password", user.password}}.dump());
  if (reg.status != 201) throw std::runtime_error("register failed: " + std::to_string(reg.status) + " " + reg.body);
  user.id = body_of(reg).at("id").get<std::int64_t>();
  auto login = client.request("POST", "/auth/login/json",
                              nlohmann::json{{"username", user.username}, {"password", user.password}}.dump());
  if (login.status != 200) throw std::runtime_error("login failed: " + std::to_string(login.status) + " " + login.body);
  auto token = body_of(login);
  user.access_token = token.at("access_token").get<std::string>();
  user.refresh_token = token.at("refresh_token").get<std::string>();
  return user;
}

}  // namespace kfn::test

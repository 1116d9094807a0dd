// The users context over HTTP against the real runner: registration, login, tokens, profile.
#include <catch2/catch.hpp>
#include <random>

#include "runner_process.h"
#include "test_users.h"

using kfn::test::bearer;
using kfn::test::body_of;
using kfn::test::shared_runner;
using nlohmann::json;

namespace {

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

json register_body(std::string const& username, std::string const& password = "correct horse battery") {
  return {{"email", username + "@example.com"}, {"username", username}, {"password", password}};
}

}  // namespace

TEST_CASE("register returns the new user and refuses a taken email or username") {
  auto client = shared_runner().client();
  auto name = kfn::test::unique_username("Reg");
  auto created = client->request("POST", "/auth/register", register_body(name).dump());
  REQUIRE(created.status == 201);
  auto user = body_of(created);
  CHECK(user.at("id").get<std::int64_t>() > 0);
  CHECK(user.at("username").get<std::string>() == lower(name));  // usernames are case-insensitive
  CHECK(user.at("display_name").get<std::string>() == user.at("username").get<std::string>());
  CHECK(user.at("status_message").is_null());
  CHECK(user.at("created_at").get<std::string>().back() == 'Z');
  CHECK_FALSE(user.contains("password_hash"));

  auto same_email = register_body(kfn::test::unique_username("other"));
  same_email["email"] = name + "@example.com";
  auto taken_email = client->request("POST", "/auth/register", same_email.dump());
  CHECK(taken_email.status == 409);
  CHECK(body_of(taken_email)["error"]["code"] == "email_taken");

  auto same_name = register_body(name);
  same_name["email"] = kfn::test::unique_username("fresh") + "@example.com";
  auto taken_name = client->request("POST", "/auth/register", same_name.dump());
  CHECK(taken_name.status == 409);
  CHECK(body_of(taken_name)["error"]["code"] == "username_taken");
}

TEST_CASE("register rejects invalid fields with 422 naming each field") {
  auto client = shared_runner().client();
  auto response = client->request("POST", "/auth/register",
                                  json{{"email", "not-an-email"}, {"username", "a!"}, {"password", "short"}}.dump());
  REQUIRE(response.status == 422);
  auto error = body_of(response)["error"];
  CHECK(error["code"] == "validation_failed");
  CHECK(error["fields"].contains("email"));
  CHECK(error["fields"].contains("username"));
  CHECK(error["fields"].contains("password"));
}

TEST_CASE("bad request bodies get 400, 413 and 415 with the API error body") {
  auto client = shared_runner().client();
  auto malformed = client->request("POST", "/auth/register", "{not json");
  CHECK(malformed.status == 400);
  CHECK(body_of(malformed)["error"].contains("code"));

  auto not_json = client->request("POST", "/auth/register", "email=a", {{"Content-Type", "text/plain"}});
  CHECK(not_json.status == 415);
  CHECK(body_of(not_json)["error"]["code"] == "unsupported_media_type");

  auto huge = client->request("POST", "/auth/register", std::string(70 * 1024, 'x'));
  CHECK(huge.status == 413);
  CHECK(body_of(huge)["error"]["code"] == "payload_too_large");
}

TEST_CASE("login answers unknown account and wrong password identically") {
  auto client = shared_runner().client();
  auto user = kfn::test::register_and_login(*client, "same");
  auto wrong = client->request("POST", "/auth/login/json",
                               json{{"username", user.username}, {"password", "wrong password!"}}.dump());
  auto unknown = client->request("POST", "/auth/login/json",
                                 json{{"username", kfn::test::unique_username("ghost")}, {"password", "wrong password!"}}.dump());
  CHECK(wrong.status == 401);
  CHECK(unknown.status == 401);
  CHECK(wrong.body == unknown.body);
  CHECK(body_of(wrong)["error"]["code"] == "invalid_credentials");
}

TEST_CASE("the OAuth2 password form logs in by email or username") {
  auto client = shared_runner().client();
  auto user = kfn::test::register_and_login(*client, "form");
  for (auto const& id : {user.username, user.email}) {
    auto response = client->request("POST", "/auth/login", "username=" + id + "&password=correct+horse+battery",
                                    {{"Content-Type", "application/x-www-form-urlencoded"}});
    REQUIRE(response.status == 200);
    auto token = body_of(response);
    CHECK(token["token_type"] == "bearer");
    CHECK(token["expires_in"].get<int>() == 900);
    CHECK(token["user"]["id"] == user.id);
  }
}

TEST_CASE("five failed logins for one account lock it with 429 and Retry-After") {
  auto client = shared_runner().client();
  auto user = kfn::test::register_and_login(*client, "lock");
  auto attempt = [&](std::string const& password) {
    return client->request("POST", "/auth/login/json", json{{"username", user.username}, {"password", password}}.dump());
  };
  for (int i = 0; i < 5; ++i) REQUIRE(attempt("wrong password!").status == 401);
  auto locked = attempt(user.password);
  CHECK(locked.status == 429);
  CHECK(body_of(locked)["error"]["code"] == "rate_limited");
  REQUIRE(locked.header("Retry-After"));
  CHECK(std::stoi(*locked.header("Retry-After")) > 0);
}

TEST_CASE("profile reads and updates need a valid token") {
  auto client = shared_runner().client();
  auto user = kfn::test::register_and_login(*client, "prof");
  CHECK(client->request("GET", "/profile/me").status == 401);
  CHECK(client->request("GET", "/profile/me", "", {bearer("not.a.jwt")}).status == 401);

  auto me = client->request("GET", "/profile/me", "", {bearer(user.access_token)});
  REQUIRE(me.status == 200);
  CHECK(body_of(me)["email"] == user.email);

  auto update = client->request("PUT", "/profile/me",
                                json{{"display_name", "Alice A."}, {"status_message", "hi"},
                                     {"avatar_url", "https://example.com/a.png"}}.dump(),
                                {bearer(user.access_token)});
  REQUIRE(update.status == 200);
  CHECK(body_of(update)["display_name"] == "Alice A.");
  CHECK(body_of(client->request("GET", "/profile/me", "", {bearer(user.access_token)}))["status_message"] == "hi");

  auto bad = client->request("PUT", "/profile/me", json{{"avatar_url", "javascript:alert(1)"}}.dump(),
                             {bearer(user.access_token)});
  CHECK(bad.status == 422);
  CHECK(body_of(bad)["error"]["fields"].contains("avatar_url"));
}

TEST_CASE("refresh rotates the token and a reused one revokes the family") {
  auto client = shared_runner().client();
  auto user = kfn::test::register_and_login(*client, "ref");
  auto first = client->request("POST", "/auth/refresh", json{{"refresh_token", user.refresh_token}}.dump());
  REQUIRE(first.status == 200);
  auto rotated = body_of(first)["refresh_token"].get<std::string>();
  CHECK(rotated != user.refresh_token);
  CHECK(client->request("GET", "/profile/me", "", {bearer(body_of(first)["access_token"])}).status == 200);

  auto reuse = client->request("POST", "/auth/refresh", json{{"refresh_token", user.refresh_token}}.dump());
  CHECK(reuse.status == 401);
  // The theft signal spends the whole family: the rotated token stops working too.
  CHECK(client->request("POST", "/auth/refresh", json{{"refresh_token", rotated}}.dump()).status == 401);
}

TEST_CASE("logout revokes the access token and its refresh family at once") {
  auto client = shared_runner().client();
  auto user = kfn::test::register_and_login(*client, "out");
  CHECK(client->request("POST", "/auth/logout", "", {bearer(user.access_token)}).status == 204);
  CHECK(client->request("GET", "/profile/me", "", {bearer(user.access_token)}).status == 401);
  CHECK(client->request("POST", "/auth/refresh", json{{"refresh_token", user.refresh_token}}.dump()).status == 401);
}

TEST_CASE("too many failed logins from one IP get 429 for every account from it") {
  kfn::test::RunnerProcess runner(std::map<std::string, std::string>{{"KFN_LOGIN_IP_MAX_FAILURES", "3"}});
  // Loopback addresses of their own, so failures other tests made from 127.0.0.1 do not count here.
  std::random_device random;
  auto fresh_address = [&] {
    return "127." + std::to_string(1 + random() % 250) + "." + std::to_string(random() % 250) + "." +
           std::to_string(1 + random() % 250);
  };
  kfn::runner::HttpClient attacker("127.0.0.1", runner.port(), fresh_address());
  kfn::runner::HttpClient bystander("127.0.0.1", runner.port(), fresh_address());
  auto user = kfn::test::register_and_login(bystander, "ip");
  auto login = [&](kfn::runner::HttpClient& from, std::string const& username, std::string const& password) {
    return from.request("POST", "/auth/login/json", json{{"username", username}, {"password", password}}.dump());
  };
  for (int i = 0; i < 3; ++i) {
    REQUIRE(login(attacker, kfn::test::unique_username("nobody"), "wrong password!").status == 401);
  }
  auto limited = login(attacker, user.username, user.password);
  CHECK(limited.status == 429);
  CHECK(limited.header("Retry-After"));
  CHECK(login(bystander, user.username, user.password).status == 200);  // other addresses are not affected
}

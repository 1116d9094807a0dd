// Bearer-token checks on `auth: required` routes, end to end with the real denylist in Redis.
#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>

#include "kfn/host/jwt.h"
#include "raw_http_client.h"
#include "server_fixture.h"

namespace kfn::http::testing {
namespace {

using std::chrono::system_clock;

std::vector<std::pair<std::string, std::string>> bearer(std::string const& token) {
  return {{"Authorization", "Bearer " + token}};
}

void check_unauthorized(RawResponse const& response) {
  CHECK(response.status == 401);
  CHECK(nlohmann::json::parse(response.body)["error"]["code"] == "unauthorized");
  CHECK(response.header("WWW-Authenticate").value_or("").find("Bearer") == 0);
  CHECK(response.header("X-Request-Id").has_value());
}

}  // namespace

TEST_CASE("a valid token reaches the function with the caller's identity") {
  ServerFixture fixture;
  auto token = kfn::host::sign_access_token(fixture.jwt(), 4242, system_clock::now());
  auto response = fixture.request("GET", "/private/echo", bearer(token.token));
  REQUIRE(response.status == 200);
  CHECK(nlohmann::json::parse(response.body)["caller"] == 4242);
}

TEST_CASE("the Bearer scheme is matched without regard to case") {
  ServerFixture fixture;
  auto token = kfn::host::sign_access_token(fixture.jwt(), 7, system_clock::now());
  CHECK(fixture.request("GET", "/private/echo", {{"Authorization", "bearer " + token.token}}).status == 200);
}

TEST_CASE("a request without a token is 401") {
  ServerFixture fixture;
  check_unauthorized(fixture.request("GET", "/private/echo"));
}

TEST_CASE("a malformed token or another scheme is 401") {
  ServerFixture fixture;
  check_unauthorized(fixture.request("GET", "/private/echo", bearer("not-a-jwt")));
  check_unauthorized(fixture.request("GET", "/private/echo", {{"Authorization", "Basic dXNlcjpwYXNz"}}));
  check_unauthorized(fixture.request("GET", "/private/echo", {{"Authorization", "Bearer"}}));
}

TEST_CASE("an expired token is 401") {
  ServerFixture fixture;
  auto issued_long_ago = system_clock::now() - std::chrono::hours(2);
  auto token = kfn::host::sign_access_token(fixture.jwt(), 1, issued_long_ago);
  check_unauthorized(fixture.request("GET", "/private/echo", bearer(token.token)));
}

TEST_CASE("a token for another audience is 401") {
  ServerFixture fixture;
  auto other = fixture.jwt();
  other.audience = "some-other-service";
  auto token = kfn::host::sign_access_token(other, 1, system_clock::now());
  check_unauthorized(fixture.request("GET", "/private/echo", bearer(token.token)));
}

TEST_CASE("a token signed with another secret is 401") {
  ServerFixture fixture;
  auto other = fixture.jwt();
  other.secret = "a-completely-different-secret-of-32-bytes";
  auto token = kfn::host::sign_access_token(other, 1, system_clock::now());
  check_unauthorized(fixture.request("GET", "/private/echo", bearer(token.token)));
}

TEST_CASE("a revoked token is 401 at once") {
  ServerFixture fixture;
  auto token = kfn::host::sign_access_token(fixture.jwt(), 99, system_clock::now());
  REQUIRE(fixture.request("GET", "/private/echo", bearer(token.token)).status == 200);
  fixture.services().redis().command({"SET", kfn::host::denylist_key(token.jti), "1", "EX", "60"});
  check_unauthorized(fixture.request("GET", "/private/echo", bearer(token.token)));
  fixture.services().redis().command({"DEL", kfn::host::denylist_key(token.jti)});
}

TEST_CASE("public routes ignore a bad token") {
  ServerFixture fixture;
  auto response = fixture.request("GET", "/echo/1", bearer("garbage"));
  CHECK(response.status == 200);
  CHECK(nlohmann::json::parse(response.body)["caller"].is_null());
}

}  // namespace kfn::http::testing

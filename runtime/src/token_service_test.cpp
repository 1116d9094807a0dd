#include "token_service.h"

#include <catch2/catch.hpp>

#include "fake_services.h"

using kfn::host::TokenService;

namespace {
kfn::host::JwtSettings settings() {
  kfn::host::JwtSettings jwt;
  jwt.secret = "0123456789abcdef0123456789abcdef";
  jwt.issuer = "kfn";
  jwt.audience = "kfn-chat";
  return jwt;
}
}  // namespace

TEST_CASE("issued tokens verify with the host's settings", "[tokens]") {
  auto const jwt = settings();
  kfn::host::testing::FakeServices services;
  TokenService tokens(jwt, services);
  auto const token = tokens.issue(42);
  auto const verdict = kfn::host::verify_access_token(jwt, token.token, std::chrono::system_clock::now());
  REQUIRE(verdict.identity);
  CHECK(verdict.identity->user_id == 42);
  CHECK(verdict.identity->jti == token.jti);
  CHECK(token.expires_in == 900);
}

TEST_CASE("revoke denylists the jti in Redis until the token could expire", "[tokens]") {
  auto const jwt = settings();
  kfn::host::testing::FakeServices services;
  TokenService tokens(jwt, services);
  auto const now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  tokens.revoke("abc", now + 600);
  tokens.revoke("old", now - 3600);
  auto const commands = services.recorded_redis().commands();
  REQUIRE(commands.size() == 2);
  REQUIRE(commands[0].size() == 5);
  CHECK(commands[0][0] == "SET");
  CHECK(commands[0][1] == "kfn:jwt:deny:abc");
  CHECK(commands[0][2] == "1");
  CHECK(commands[0][3] == "EX");
  auto const ttl = std::stoll(commands[0][4]);
  CHECK(ttl >= 600);
  CHECK(ttl <= 600 + jwt.leeway.count());
  CHECK(commands[1][4] == "1");  // already expired: the shortest TTL Redis accepts
}

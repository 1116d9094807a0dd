#include "auth.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "kfn/errors.h"

namespace kfn::http {
namespace {

using std::chrono::system_clock;

// A denylist that answers EXISTS from a fixed set, or is down.
class FakeDenylist : public Redis {
 public:
  bool down = false;
  std::vector<std::string> revoked_keys;
  std::vector<std::string> asked;

  RedisReply command(std::vector<std::string> const& args) override {
    if (down) throw Unavailable("redis is down", std::chrono::seconds(3));
    asked.push_back(args.at(1));
    RedisReply reply;
    reply.type = RedisReply::Type::kInteger;
    reply.integer = std::count(revoked_keys.begin(), revoked_keys.end(), args.at(1));
    return reply;
  }
  std::vector<RedisReply> pipeline(std::vector<std::vector<std::string>> const&) override { return {}; }
};

kfn::host::JwtSettings settings() {
  kfn::host::JwtSettings jwt;
  jwt.secret = "unit-test-secret-that-is-long-enough-0123";
  jwt.issuer = "kfn";
  jwt.audience = "kfn-chat";
  return jwt;
}

HttpRequest with_authorization(std::string value) {
  HttpRequest request;
  request.headers.add("Authorization", std::move(value));
  return request;
}

}  // namespace

TEST_CASE("the bearer token is the word after the scheme") {
  CHECK(bearer_token("Bearer abc.def.ghi") == "abc.def.ghi");
  CHECK(bearer_token("BEARER  abc ") == "abc");
  CHECK_FALSE(bearer_token(std::nullopt));
  CHECK_FALSE(bearer_token("Bearer"));
  CHECK_FALSE(bearer_token("Bearer "));
  CHECK_FALSE(bearer_token("Basic abc"));
  CHECK_FALSE(bearer_token("Bearerabc"));
  CHECK_FALSE(bearer_token("Bearer a b"));
}

TEST_CASE("a valid token that is not revoked gives the caller's identity") {
  FakeDenylist denylist;
  auto token = kfn::host::sign_access_token(settings(), 12, system_clock::now());
  auto outcome =
      authenticate(with_authorization("Bearer " + token.token), settings(), denylist, system_clock::now());
  REQUIRE(outcome.identity);
  CHECK(outcome.identity->user_id == 12);
  CHECK_FALSE(outcome.rejection);
  CHECK(denylist.asked == std::vector<std::string>{kfn::host::denylist_key(token.jti)});
}

TEST_CASE("a missing or invalid token is 401 with WWW-Authenticate, without asking Redis") {
  FakeDenylist denylist;
  for (auto const& request : {HttpRequest{}, with_authorization("Bearer nope")}) {
    auto outcome = authenticate(request, settings(), denylist, system_clock::now());
    REQUIRE(outcome.rejection);
    CHECK(outcome.rejection->status == 401);
    CHECK(outcome.rejection->headers.get("WWW-Authenticate") == "Bearer");
    CHECK(nlohmann::json::parse(outcome.rejection->body)["error"]["code"] == "unauthorized");
  }
  CHECK(denylist.asked.empty());
}

TEST_CASE("a revoked token is 401") {
  FakeDenylist denylist;
  auto token = kfn::host::sign_access_token(settings(), 12, system_clock::now());
  denylist.revoked_keys.push_back(kfn::host::denylist_key(token.jti));
  auto outcome =
      authenticate(with_authorization("Bearer " + token.token), settings(), denylist, system_clock::now());
  REQUIRE(outcome.rejection);
  CHECK(outcome.rejection->status == 401);
}

TEST_CASE("when the denylist cannot be asked the answer is 503 with Retry-After") {
  FakeDenylist denylist;
  denylist.down = true;
  auto token = kfn::host::sign_access_token(settings(), 12, system_clock::now());
  auto outcome =
      authenticate(with_authorization("Bearer " + token.token), settings(), denylist, system_clock::now());
  REQUIRE(outcome.rejection);
  CHECK(outcome.rejection->status == 503);
  CHECK(outcome.rejection->headers.get("Retry-After") == "3");
  CHECK(nlohmann::json::parse(outcome.rejection->body)["error"]["code"] == "unavailable");
}

}  // namespace kfn::http

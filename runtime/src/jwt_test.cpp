#include "kfn/host/jwt.h"

#include <catch2/catch.hpp>
#include <limits>
#include <nlohmann/json.hpp>

#include "base64url.h"
#include "jwt_signing.h"

using kfn::host::JwtError;
using kfn::host::JwtSettings;
using kfn::host::sign_access_token;
using kfn::host::verify_access_token;
using std::chrono::seconds;

namespace {

JwtSettings settings() {
  JwtSettings s;
  s.secret = "0123456789abcdef0123456789abcdef-test";
  s.issuer = "kfn";
  s.audience = "kfn-chat";
  s.ttl = seconds(900);
  s.leeway = seconds(30);
  return s;
}

auto const kNow = std::chrono::system_clock::time_point{seconds(1'800'000'000)};

std::string part(nlohmann::json const& object) { return kfn::host::base64url_encode(object.dump()); }

// A token with any header and claims, validly signed, so only the check under test can fail.
std::string forge(nlohmann::json const& header, nlohmann::json const& claims) {
  return kfn::host::sign_hs256_compact(settings().secret, header, claims);
}

nlohmann::json good_claims() {
  return {{"sub", "42"},          {"iss", "kfn"},         {"aud", "kfn-chat"},
          {"iat", 1'800'000'000}, {"exp", 1'800'000'900}, {"jti", "abc"}};
}

nlohmann::json const kHeader = {{"alg", "HS256"}, {"typ", "JWT"}};

}  // namespace

TEST_CASE("a signed token verifies and carries the user id, jti and expiry", "[jwt]") {
  auto const token = sign_access_token(settings(), 42, kNow);
  CHECK(token.expires_in == 900);
  CHECK(token.jti.size() == 32);
  auto const verdict = verify_access_token(settings(), token.token, kNow + seconds(10));
  REQUIRE(verdict.identity);
  CHECK(verdict.identity->user_id == 42);
  CHECK(verdict.identity->jti == token.jti);
  CHECK(verdict.identity->expires_at == 1'800'000'900);
}

TEST_CASE("each signed token gets a fresh jti", "[jwt]") {
  CHECK(sign_access_token(settings(), 1, kNow).jti != sign_access_token(settings(), 1, kNow).jti);
}

TEST_CASE("an expired token is refused once the leeway has passed", "[jwt]") {
  auto const token = sign_access_token(settings(), 42, kNow).token;
  CHECK(verify_access_token(settings(), token, kNow + seconds(900 + 29)).identity);
  auto const verdict = verify_access_token(settings(), token, kNow + seconds(900 + 30));
  CHECK_FALSE(verdict.identity);
  CHECK(verdict.error == JwtError::kExpired);
}

TEST_CASE("a token issued in the future beyond the leeway is refused", "[jwt]") {
  auto const token = sign_access_token(settings(), 42, kNow + seconds(120)).token;
  CHECK(verify_access_token(settings(), token, kNow).error == JwtError::kNotYetValid);
}

TEST_CASE("a token for another issuer or audience is refused", "[jwt]") {
  auto const token = sign_access_token(settings(), 42, kNow).token;
  auto other_issuer = settings();
  other_issuer.issuer = "someone-else";
  CHECK(verify_access_token(other_issuer, token, kNow).error == JwtError::kIssuer);
  auto other_audience = settings();
  other_audience.audience = "other-app";
  CHECK(verify_access_token(other_audience, token, kNow).error == JwtError::kAudience);
}

TEST_CASE("an audience array containing ours is accepted", "[jwt]") {
  auto claims = good_claims();
  claims["aud"] = {"other", "kfn-chat"};
  CHECK(verify_access_token(settings(), forge(kHeader, claims), kNow).identity);
  claims["aud"] = {"other"};
  CHECK(verify_access_token(settings(), forge(kHeader, claims), kNow).error == JwtError::kAudience);
}

TEST_CASE("alg none is refused even without a signature", "[jwt]") {
  std::string const token = part({{"alg", "none"}, {"typ", "JWT"}}) + "." + part(good_claims()) + ".";
  auto const verdict = verify_access_token(settings(), token, kNow);
  CHECK_FALSE(verdict.identity);
  CHECK(verdict.error == JwtError::kAlgorithm);
}

TEST_CASE("other algorithms and extra header fields are refused", "[jwt]") {
  CHECK(verify_access_token(settings(), forge({{"alg", "RS256"}}, good_claims()), kNow).error ==
        JwtError::kAlgorithm);
  CHECK(verify_access_token(settings(), forge({{"alg", "hs256"}}, good_claims()), kNow).error ==
        JwtError::kAlgorithm);
  CHECK(verify_access_token(settings(), forge({{"typ", "JWT"}}, good_claims()), kNow).error ==
        JwtError::kAlgorithm);
  CHECK(verify_access_token(settings(), forge({{"alg", "HS256"}, {"kid", "1"}}, good_claims()), kNow).error ==
        JwtError::kMalformed);
  CHECK(verify_access_token(settings(), forge({{"alg", "HS256"}}, good_claims()), kNow).identity);
}

TEST_CASE("a tampered signature or payload is refused", "[jwt]") {
  std::string token = sign_access_token(settings(), 42, kNow).token;
  std::string tampered_signature = token;
  tampered_signature.back() = tampered_signature.back() == 'A' ? 'Q' : 'A';
  CHECK(verify_access_token(settings(), tampered_signature, kNow).error == JwtError::kSignature);

  auto claims = good_claims();
  claims["sub"] = "1";
  std::string const signature = token.substr(token.rfind('.') + 1);
  std::string const swapped = part(kHeader) + "." + part(claims) + "." + signature;
  CHECK(verify_access_token(settings(), swapped, kNow).error == JwtError::kSignature);
}

TEST_CASE("a token signed with another secret is refused", "[jwt]") {
  auto other = settings();
  other.secret = "a-completely-different-secret-of-enough-length";
  auto const token = sign_access_token(other, 42, kNow).token;
  CHECK(verify_access_token(settings(), token, kNow).error == JwtError::kSignature);
}

TEST_CASE("malformed tokens and missing claims are refused", "[jwt]") {
  CHECK(verify_access_token(settings(), "", kNow).error == JwtError::kMalformed);
  CHECK(verify_access_token(settings(), "a.b", kNow).error == JwtError::kMalformed);
  CHECK(verify_access_token(settings(), "a.b.c.d", kNow).error == JwtError::kMalformed);
  CHECK(verify_access_token(settings(), "!!.b.c", kNow).error == JwtError::kMalformed);
  auto claims = good_claims();
  claims["sub"] = 42;  // must be a decimal string
  CHECK(verify_access_token(settings(), forge(kHeader, claims), kNow).error == JwtError::kClaims);
  claims = good_claims();
  claims["exp"] = std::numeric_limits<std::int64_t>::max();  // would overflow exp + leeway
  CHECK(verify_access_token(settings(), forge(kHeader, claims), kNow).error == JwtError::kClaims);
  claims = good_claims();
  claims.erase("jti");
  CHECK(verify_access_token(settings(), forge(kHeader, claims), kNow).error == JwtError::kClaims);
}

TEST_CASE("signing refuses a secret shorter than 32 bytes", "[jwt]") {
  auto weak = settings();
  weak.secret = "short";
  CHECK_THROWS_AS(sign_access_token(weak, 1, kNow), std::invalid_argument);
}

TEST_CASE("denylist_key prefixes the jti", "[jwt]") {
  CHECK(kfn::host::denylist_key("abc") == "kfn:jwt:deny:abc");
}

TEST_CASE("base64url round-trips and refuses non-canonical text", "[jwt]") {
  for (std::string const bytes : {"", "f", "fo", "foo", "foob", "\xff\xfe\x00"}) {
    CHECK(kfn::host::base64url_decode(kfn::host::base64url_encode(bytes)) == bytes);
  }
  CHECK(kfn::host::base64url_encode("\xfb\xff") == "-_8");
  CHECK_FALSE(kfn::host::base64url_decode("Zm9v="));
  CHECK_FALSE(kfn::host::base64url_decode("Zm9+"));
  CHECK_FALSE(kfn::host::base64url_decode("Z"));
  CHECK_FALSE(kfn::host::base64url_decode("Zh"));  // spare bits set
}

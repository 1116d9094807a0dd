// HS256 access tokens: signing with a random jti, and verification with the algorithm pinned.
#include "kfn/host/jwt.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <array>
#include <charconv>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "base64url.h"
#include "jwt_signing.h"

namespace kfn::host {
namespace {

using nlohmann::json;

constexpr std::size_t kMinSecretBytes = 32;

std::string hmac_sha256(std::string const& secret, std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  unsigned char const* const result =
      HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
           reinterpret_cast<unsigned char const*>(data.data()), data.size(), digest.data(), &length);
  if (result == nullptr) throw std::runtime_error("HMAC-SHA256 failed");
  return {reinterpret_cast<char const*>(digest.data()), length};
}

std::string random_jti() {
  std::array<unsigned char, 16> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
    throw std::runtime_error("RAND_bytes failed");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char byte : bytes) {
    out.push_back(kHex[byte >> 4]);
    out.push_back(kHex[byte & 0x0F]);
  }
  return out;
}

std::int64_t unix_seconds(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

std::optional<json> decode_object(std::string_view part) {
  auto const bytes = base64url_decode(part);
  if (!bytes) return std::nullopt;
  auto parsed = json::parse(*bytes, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) return std::nullopt;
  return parsed;
}

// Only {"alg":"HS256"} with an optional "typ":"JWT": no kid, jku, crit or anything else to honour.
std::optional<JwtError> header_problem(json const& header) {
  auto const alg = header.find("alg");
  if (alg == header.end() || !alg->is_string() || alg->get<std::string>() != "HS256")
    return JwtError::kAlgorithm;
  for (auto const& [key, value] : header.items()) {
    if (key == "alg") continue;
    if (key != "typ" || !value.is_string() || value.get<std::string>() != "JWT") return JwtError::kMalformed;
  }
  return std::nullopt;
}

bool signature_matches(JwtSettings const& settings, std::string_view signed_part,
                       std::string_view signature_part) {
  auto const signature = base64url_decode(signature_part);
  if (!signature || settings.secret.size() < kMinSecretBytes) return false;
  std::string const expected = hmac_sha256(settings.secret, signed_part);
  return signature->size() == expected.size() &&
         CRYPTO_memcmp(signature->data(), expected.data(), expected.size()) == 0;
}

// A NumericDate in seconds. Bounded (to year ~36812) so leeway arithmetic can never overflow.
std::optional<std::int64_t> integer_claim(json const& claims, char const* name) {
  constexpr std::int64_t kLatest = std::int64_t{1} << 40;
  auto const it = claims.find(name);
  if (it == claims.end() || !it->is_number_integer()) return std::nullopt;
  if (it->is_number_unsigned() && it->get<std::uint64_t>() > static_cast<std::uint64_t>(kLatest))
    return std::nullopt;
  auto const value = it->get<std::int64_t>();
  if (value < 0 || value > kLatest) return std::nullopt;
  return value;
}

std::optional<std::int64_t> user_id_of(json const& claims) {
  auto const it = claims.find("sub");
  if (it == claims.end() || !it->is_string()) return std::nullopt;
  std::string const& sub = it->get_ref<std::string const&>();
  std::int64_t id = 0;
  auto const [end, error] = std::from_chars(sub.data(), sub.data() + sub.size(), id);
  if (error != std::errc{} || end != sub.data() + sub.size() || id <= 0) return std::nullopt;
  return id;
}

bool audience_matches(json const& claims, std::string const& audience) {
  auto const aud = claims.find("aud");
  if (aud == claims.end()) return false;
  if (aud->is_string()) return aud->get<std::string>() == audience;
  if (!aud->is_array()) return false;
  for (auto const& item : *aud) {
    if (item.is_string() && item.get<std::string>() == audience) return true;
  }
  return false;
}

JwtVerdict refuse(JwtError error) { return {std::nullopt, error}; }

JwtVerdict check_claims(JwtSettings const& settings, json const& claims, std::int64_t now) {
  auto const user_id = user_id_of(claims);
  auto const issued_at = integer_claim(claims, "iat");
  auto const expires_at = integer_claim(claims, "exp");
  auto const jti = claims.find("jti");
  if (!user_id || !issued_at || !expires_at || jti == claims.end() || !jti->is_string() ||
      jti->get<std::string>().empty()) {
    return refuse(JwtError::kClaims);
  }
  auto const iss = claims.find("iss");
  if (iss == claims.end() || !iss->is_string() || iss->get<std::string>() != settings.issuer) {
    return refuse(JwtError::kIssuer);
  }
  if (!audience_matches(claims, settings.audience)) return refuse(JwtError::kAudience);
  std::int64_t const leeway = settings.leeway.count();
  if (now >= *expires_at + leeway) return refuse(JwtError::kExpired);
  auto const not_before = integer_claim(claims, "nbf");
  if (*issued_at > now + leeway || (not_before && *not_before > now + leeway))
    return refuse(JwtError::kNotYetValid);
  return {Identity{*user_id, jti->get<std::string>(), *expires_at}, JwtError::kMalformed};
}

}  // namespace

std::string sign_hs256_compact(std::string const& secret, json const& header, json const& claims) {
  std::string const signed_part = base64url_encode(header.dump()) + "." + base64url_encode(claims.dump());
  return signed_part + "." + base64url_encode(hmac_sha256(secret, signed_part));
}

AccessToken sign_access_token(JwtSettings const& settings, std::int64_t user_id,
                              std::chrono::system_clock::time_point now) {
  if (settings.secret.size() < kMinSecretBytes)
    throw std::invalid_argument("JWT secret must be at least 32 bytes");
  std::int64_t const issued_at = unix_seconds(now);
  AccessToken token;
  token.jti = random_jti();
  token.expires_in = settings.ttl.count();
  json const claims = {{"sub", std::to_string(user_id)},
                       {"iss", settings.issuer},
                       {"aud", settings.audience},
                       {"iat", issued_at},
                       {"exp", issued_at + token.expires_in},
                       {"jti", token.jti}};
  token.token = sign_hs256_compact(settings.secret, {{"alg", "HS256"}, {"typ", "JWT"}}, claims);
  return token;
}

JwtVerdict verify_access_token(JwtSettings const& settings, std::string_view token,
                               std::chrono::system_clock::time_point now) {
  auto const first_dot = token.find('.');
  auto const second_dot = first_dot == std::string_view::npos ? first_dot : token.find('.', first_dot + 1);
  if (second_dot == std::string_view::npos || token.find('.', second_dot + 1) != std::string_view::npos) {
    return refuse(JwtError::kMalformed);
  }
  auto const header = decode_object(token.substr(0, first_dot));
  if (!header) return refuse(JwtError::kMalformed);
  // The algorithm is judged before the signature, so "none" or RS256 never reach a verifier.
  if (auto const problem = header_problem(*header)) return refuse(*problem);
  if (!signature_matches(settings, token.substr(0, second_dot), token.substr(second_dot + 1))) {
    return refuse(JwtError::kSignature);
  }
  auto const claims = decode_object(token.substr(first_dot + 1, second_dot - first_dot - 1));
  if (!claims) return refuse(JwtError::kMalformed);
  return check_claims(settings, *claims, unix_seconds(now));
}

std::string denylist_key(std::string_view jti) { return "kfn:jwt:deny:" + std::string(jti); }

}  // namespace kfn::host

// HS256 JSON Web Tokens, with the algorithm pinned: a token whose header says anything but HS256
// (including "none") is refused before its signature is looked at.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kfn/auth.h"

namespace kfn::host {

struct JwtSettings {
  std::string secret;  // at least 32 bytes
  std::string issuer;
  std::string audience;
  std::chrono::seconds ttl{900};
  std::chrono::seconds leeway{30};  // clock skew allowed on exp and iat
};

enum class JwtError { kMalformed, kAlgorithm, kSignature, kExpired, kNotYetValid, kIssuer, kAudience, kClaims };

struct JwtVerdict {
  std::optional<Identity> identity;  // set when valid
  JwtError error = JwtError::kMalformed;
};

// Signs {sub, iss, aud, iat, exp, jti}.
AccessToken sign_access_token(JwtSettings const& settings, std::int64_t user_id,
                              std::chrono::system_clock::time_point now);
// Checks structure, algorithm, signature (constant time), exp, iat, iss, aud. Not the denylist.
JwtVerdict verify_access_token(JwtSettings const& settings, std::string_view token,
                               std::chrono::system_clock::time_point now);

// Redis key of a revoked jti.
std::string denylist_key(std::string_view jti);

}  // namespace kfn::host

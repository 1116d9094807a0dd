// The caller's verified identity, and the token service that issues and revokes access tokens.
// Refresh tokens are a function's own business (they live in its schema); access tokens are the
// runtime's, because the HTTP trigger verifies them before any function runs.
#pragma once

#include <cstdint>
#include <string>

namespace kfn {

// Set on routes with `auth: required`, after the JWT's signature, algorithm, exp, iat, iss, aud and
// the jti denylist were checked.
struct Identity {
  std::int64_t user_id = 0;
  std::string jti;
  std::int64_t expires_at = 0;  // unix seconds
};

struct AccessToken {
  std::string token;
  std::string jti;
  std::int64_t expires_in = 0;  // seconds
};

// Thread-safe.
class Tokens {
 public:
  virtual ~Tokens() = default;
  virtual AccessToken issue(std::int64_t user_id) = 0;
  // The token stops working at once, everywhere, until it would have expired anyway.
  virtual void revoke(std::string const& jti, std::int64_t expires_at) = 0;
};

}  // namespace kfn

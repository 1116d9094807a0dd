// kfn::Tokens for functions: access tokens signed with the host's JWT settings, revoked through the
// Redis denylist the HTTP trigger checks.
#pragma once

#include "kfn/auth.h"
#include "kfn/host/jwt.h"
#include "kfn/host/services.h"

namespace kfn::host {

// Thread-safe. Keeps references: `settings` and `services` must outlive it.
class TokenService : public Tokens {
 public:
  TokenService(JwtSettings const& settings, Services& services) : settings_(settings), services_(services) {}

  AccessToken issue(std::int64_t user_id) override;
  // SET kfn:jwt:deny:<jti> 1 EX <seconds until expires_at, at least 1>. Throws kfn::Unavailable when
  // Redis is down: a logout that did not revoke must not look successful.
  void revoke(std::string const& jti, std::int64_t expires_at) override;

 private:
  JwtSettings const& settings_;
  Services& services_;
};

}  // namespace kfn::host

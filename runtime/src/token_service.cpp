// Issue and revoke access tokens on behalf of functions.
#include "token_service.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>

namespace kfn::host {

AccessToken TokenService::issue(std::int64_t user_id) {
  return sign_access_token(settings_, user_id, std::chrono::system_clock::now());
}

void TokenService::revoke(std::string const& jti, std::int64_t expires_at) {
  auto const now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  // The denylist entry lives as long as the token could (plus the verifier's leeway): after that the
  // token's own exp refuses it.
  std::int64_t const ttl = std::max<std::int64_t>(1, expires_at - now + settings_.leeway.count());
  auto const reply = services_.redis().command({"SET", denylist_key(jti), "1", "EX", std::to_string(ttl)});
  if (reply.type == RedisReply::Type::kError)
    throw std::runtime_error("revoking a token failed: " + reply.str);
}

}  // namespace kfn::host

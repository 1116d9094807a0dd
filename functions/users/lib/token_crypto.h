// Randomness and digests for credentials: salts, refresh tokens and the SHA-256 under which a
// refresh token is stored (the database never holds a usable token).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace users {

// `count` bytes from OpenSSL's CSPRNG; throws std::runtime_error if it cannot deliver.
std::string random_bytes(std::size_t count);

// RFC 4648 section 5 alphabet, without padding.
std::string base64url_encode(std::string_view bytes);
std::string hex_encode(std::string_view bytes);

// The 32-byte SHA-256 digest of `text`.
std::string sha256(std::string_view text);

// 32 random bytes, base64url: what a client holds as its refresh token (43 characters).
std::string new_refresh_token();
// 16 random bytes as 32 hex digits: the id shared by every refresh token of one login session.
std::string new_family_id();

}  // namespace users

// Base64url without padding (RFC 4648 section 5), the encoding of JWT parts.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kfn::host {

std::string base64url_encode(std::string_view bytes);
// nullopt for characters outside the alphabet, padding, an impossible length or non-zero spare bits,
// so every byte string has exactly one accepted encoding.
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace kfn::host

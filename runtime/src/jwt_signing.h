// The compact JWS form, "<header>.<claims>.<HS256 signature>", as sign_access_token builds it; used
// directly by tests that need tokens with headers or claims the runtime itself never writes.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace kfn::host {

std::string sign_hs256_compact(std::string const& secret, nlohmann::json const& header,
                               nlohmann::json const& claims);

}  // namespace kfn::host

// Making users for integration tests: unique names per call, registered and logged in over HTTP.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "http_client.h"

namespace kfn::test {

struct TestUser {
  std::int64_t id = 0;
  std::string username;
  std::string email;
  std::string password;
  std::string access_token;
  std::string refresh_token;
};

// A username unique to this process and call, e.g. "u12345_7".
std::string unique_username(std::string const& prefix = "u");

// POST /auth/register then POST /auth/login/json; REQUIREs both succeed.
TestUser register_and_login(kfn::runner::HttpClient& client, std::string const& prefix = "u");

std::pair<std::string, std::string> bearer(std::string const& token);

nlohmann::json body_of(kfn::runner::ClientResponse const& response);

}  // namespace kfn::test

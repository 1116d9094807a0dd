#include "lib/passwords.h"

#include <catch2/catch.hpp>

#include "common/testing/fake_services.h"

namespace {

// The smallest cost libargon2 accepts: these tests check behaviour, not strength.
users::Argon2Params const kFast{8, 1, 1};

}  // namespace

TEST_CASE("a password verifies against its own hash and nothing else", "[passwords]") {
  std::string const hash = users::hash_password("correct horse", kFast);
  CHECK(hash.rfind("$argon2id$v=19$m=8,t=1,p=1$", 0) == 0);
  CHECK(users::verify_password(hash, "correct horse"));
  CHECK_FALSE(users::verify_password(hash, "correct horsE"));
  CHECK_FALSE(users::verify_password(hash, ""));
}

TEST_CASE("hashing the same password twice uses a fresh salt", "[passwords]") {
  CHECK(users::hash_password("same", kFast) != users::hash_password("same", kFast));
}

TEST_CASE("verify_password is false for anything that is not an argon2id hash", "[passwords]") {
  CHECK_FALSE(users::verify_password("", "x"));
  CHECK_FALSE(users::verify_password("not a hash", "x"));
  CHECK_FALSE(users::verify_password("$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA", "x"));
}

TEST_CASE("argon2 parameters default to m=19 MiB, t=2, p=1", "[passwords]") {
  common::testing::FakeConfig config;
  auto const params = users::argon2_params(config);
  CHECK(params.memory_kib == 19456);
  CHECK(params.iterations == 2);
  CHECK(params.parallelism == 1);
}

TEST_CASE("argon2 parameters follow the environment and refuse impossible values", "[passwords]") {
  common::testing::FakeConfig config;
  config.values = {{"KFN_ARGON2_MEMORY_KIB", "64"}, {"KFN_ARGON2_ITERATIONS", "1"}};
  auto const params = users::argon2_params(config);
  CHECK(params.memory_kib == 64);
  CHECK(params.iterations == 1);
  CHECK(users::hash_password("pw", params).find("$m=64,t=1,p=1$") != std::string::npos);

  config.values = {{"KFN_ARGON2_MEMORY_KIB", "4"}};
  CHECK_THROWS_AS(users::argon2_params(config), std::invalid_argument);
  config.values = {{"KFN_ARGON2_ITERATIONS", "0"}};
  CHECK_THROWS_AS(users::argon2_params(config), std::invalid_argument);
}

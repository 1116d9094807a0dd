#include "env_config.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>

using kfn::host::EnvConfig;

TEST_CASE("config reads the manifest env over the process environment", "[config]") {
  ::setenv("KFN_TEST_FROM_PROCESS", "process", 1);
  ::setenv("KFN_TEST_BOTH", "process", 1);
  EnvConfig const config({{"KFN_TEST_BOTH", "manifest"}, {"KFN_TEST_NUMBER", "12"}, {"KFN_TEST_WORD", "x1"}});
  CHECK(config.get("KFN_TEST_FROM_PROCESS") == "process");
  CHECK(config.get("KFN_TEST_BOTH") == "manifest");
  CHECK_FALSE(config.get("KFN_TEST_UNSET_ANYWHERE"));
  CHECK(config.get_or("KFN_TEST_UNSET_ANYWHERE", "fallback") == "fallback");
  CHECK(config.get_int("KFN_TEST_NUMBER", 5) == 12);
  CHECK(config.get_int("KFN_TEST_UNSET_ANYWHERE", 5) == 5);
  CHECK_THROWS_AS(config.get_int("KFN_TEST_WORD", 5), std::invalid_argument);
  ::unsetenv("KFN_TEST_FROM_PROCESS");
  ::unsetenv("KFN_TEST_BOTH");
}

TEST_CASE("a secret comes from the environment, else from the file KEY_FILE names, trimmed", "[config]") {
  std::string const path = "/tmp/kfn-secret-test-" + std::to_string(::getpid());
  std::ofstream(path) << "s3cret\n";
  ::setenv("KFN_TEST_SECRET_FILE", path.c_str(), 1);
  EnvConfig const config(
      std::map<std::string, std::string>{{"KFN_TEST_MANIFEST_SECRET", "not a secret source"}});
  CHECK(config.secret("KFN_TEST_SECRET") == "s3cret");
  ::setenv("KFN_TEST_SECRET", "from-env", 1);
  CHECK(config.secret("KFN_TEST_SECRET") == "from-env");
  CHECK_FALSE(config.secret("KFN_TEST_MANIFEST_SECRET"));
  ::unsetenv("KFN_TEST_SECRET");
  ::unsetenv("KFN_TEST_SECRET_FILE");
  std::remove(path.c_str());
  CHECK_FALSE(config.secret("KFN_TEST_SECRET"));
}

#include "process_setup.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <string>

#include "kfn/knative/generator.h"

namespace {

class NullLogger : public kfn::Logger {
 public:
  void log(kfn::LogLevel /*level*/, std::string_view /*message*/, nlohmann::json const& /*fields*/) override {
  }
};

std::string refusal(kfn::Logger& log) {
  try {
    kfn::runner::jwt_settings(kfn::host::Catalogue{}, log);
  } catch (std::runtime_error const& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("the JWT key must be 32 bytes or more and not the generated Secret's placeholder") {
  NullLogger log;
  ::unsetenv("KFN_JWT_SECRET_FILE");

  ::setenv("KFN_JWT_SECRET", "short-secret", 1);
  CHECK(refusal(log) == "KFN_JWT_SECRET must hold at least 32 bytes");
  ::setenv("KFN_JWT_SECRET", kfn::knative::kJwtSecretPlaceholder, 1);
  CHECK(refusal(log).find("KFN_JWT_SECRET is still the placeholder") == 0);
  ::setenv("KFN_JWT_SECRET", "a-good-secret-of-more-than-32-bytes-0123", 1);
  CHECK(kfn::runner::jwt_settings(kfn::host::Catalogue{}, log).secret ==
        "a-good-secret-of-more-than-32-bytes-0123");

  ::unsetenv("KFN_JWT_SECRET");
  auto const file =
      std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") + "/kfn-jwt-test-secret";
  std::ofstream(file) << kfn::knative::kJwtSecretPlaceholder << "\n";
  ::setenv("KFN_JWT_SECRET_FILE", file.c_str(), 1);
  CHECK(refusal(log).find("KFN_JWT_SECRET_FILE is still the placeholder") == 0);
  std::ofstream(file) << "too-short\n";
  CHECK(refusal(log) == "KFN_JWT_SECRET_FILE must hold at least 32 bytes");
  std::ofstream(file) << "a-file-secret-of-more-than-32-bytes-0123\n";
  CHECK(kfn::runner::jwt_settings(kfn::host::Catalogue{}, log).secret ==
        "a-file-secret-of-more-than-32-bytes-0123");
  ::setenv("KFN_JWT_SECRET_FILE", (file + ".missing").c_str(), 1);
  CHECK(refusal(log) == "KFN_JWT_SECRET_FILE cannot be read");
  std::remove(file.c_str());
  ::unsetenv("KFN_JWT_SECRET_FILE");

  // Neither set: a random key for this process only.
  auto const first = kfn::runner::jwt_settings(kfn::host::Catalogue{}, log).secret;
  CHECK(first.size() >= 32);
  CHECK(first != kfn::runner::jwt_settings(kfn::host::Catalogue{}, log).secret);
}

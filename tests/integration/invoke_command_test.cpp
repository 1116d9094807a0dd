// `kfn invoke` as a user runs it: the real binary calling a function of a running runner by name.
#include <catch2/catch.hpp>
#include <cstdio>

#include "runner_process.h"
#include "test_users.h"

namespace {

struct CommandResult {
  int exit_code = -1;
  std::string output;
};

CommandResult run_command(std::string const& command) {
  CommandResult result;
  std::unique_ptr<FILE, decltype(&pclose)> pipe(popen((command + " 2>&1").c_str(), "r"), &pclose);
  REQUIRE(pipe);
  char buffer[4096];
  while (auto n = fread(buffer, 1, sizeof buffer, pipe.get())) result.output.append(buffer, n);
  int status = pclose(pipe.release());
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string invoke_command(std::string const& args) {
  auto url = "http://127.0.0.1:" + std::to_string(kfn::test::shared_runner().port());
  return std::string(KFN_BINARY) + " invoke " + args + " --url " + url + " --manifests " + KFN_MANIFESTS_DIR;
}

}  // namespace

TEST_CASE("kfn invoke calls a function by its manifest name and prints its answer") {
  auto name = kfn::test::unique_username("inv");
  auto result = run_command(invoke_command("users-register --data '{\"email\":\"" + name +
                                           "@example.com\",\"username\":\"" + name +
                                           "\",\"password\":\"correct horse battery\"}'"));
  CHECK(result.exit_code == 0);
  CHECK(result.output.rfind("201\n", 0) == 0);
  CHECK(result.output.find("\"username\":\"" + name + "\"") != std::string::npos);
}

TEST_CASE("kfn invoke exits non-zero on an error answer and on an unknown function") {
  auto rejected = run_command(invoke_command("users-register --data '{}'"));
  CHECK(rejected.exit_code == 1);
  CHECK(rejected.output.rfind("422\n", 0) == 0);

  auto unknown = run_command(invoke_command("no-such-function"));
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.output.find("no function named 'no-such-function'") != std::string::npos);
}

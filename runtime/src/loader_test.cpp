#include "kfn/host/loader.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <string>

#include "kfn/function.h"

using kfn::host::load_library;
using kfn::host::LoadError;

namespace {

class EmptyConfig : public kfn::Config {
 public:
  [[nodiscard]] std::optional<std::string> get(std::string_view) const override { return std::nullopt; }
  [[nodiscard]] std::optional<std::string> secret(std::string_view) const override { return std::nullopt; }
};

class SilentLogger : public kfn::Logger {
 public:
  void log(kfn::LogLevel, std::string_view, nlohmann::json const&) override {}
};

class TestSetup : public kfn::Setup {
 public:
  [[nodiscard]] std::string_view function_name() const override { return "test"; }
  [[nodiscard]] kfn::Config const& config() const override { return config_; }
  kfn::Logger& log() override { return log_; }

 private:
  EmptyConfig config_;
  SilentLogger log_;
};

std::string const kDir = KFN_TEST_LIBRARY_DIR;

std::string load_error(std::string const& library) {
  TestSetup setup;
  try {
    load_library(kDir, library, setup);
  } catch (LoadError const& e) {
    return e.what();
  }
  FAIL("expected a LoadError for " << library);
  return {};
}

bool contains(std::string const& text, std::string const& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("a valid library loads and its factory builds the handler", "[loader]") {
  TestSetup setup;
  auto const loaded = load_library(kDir, "echo", setup);
  CHECK(loaded->path() == std::filesystem::path(kDir) / "libecho.so");
  CHECK(loaded->function().http_handler);
  CHECK_FALSE(loaded->function().event_handler);
}

TEST_CASE("an event library loads with only the event handler set", "[loader]") {
  TestSetup setup;
  auto const loaded = load_library(kDir, "event_sink", setup);
  CHECK(loaded->function().event_handler);
  CHECK_FALSE(loaded->function().http_handler);
}

TEST_CASE("a missing library is a LoadError naming the file", "[loader]") {
  auto const error = load_error("does_not_exist");
  CHECK(contains(error, kDir + "/libdoes_not_exist.so"));
  CHECK(contains(error, "no such file"));
}

TEST_CASE("a file that is not a shared library is a LoadError with the loader's text", "[loader]") {
  auto const dir = std::filesystem::temp_directory_path() / ("kfn-loader-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "libgarbage.so") << std::string(4096, 'x');  // long enough to be read as a header
  TestSetup setup;
  std::string error;
  try {
    load_library(dir, "garbage", setup);
  } catch (LoadError const& e) {
    error = e.what();
  }
  std::filesystem::remove_all(dir);
  CHECK(contains(error, (dir / "libgarbage.so").string() + ": cannot load: "));
  CHECK(contains(error, "invalid ELF header"));
}

TEST_CASE("a library without the entry symbol is a LoadError naming the symbol", "[loader]") {
  auto const error = load_error("no_entry");
  CHECK(contains(error, "libno_entry.so"));
  CHECK(contains(error, "missing entry symbol kfn_entry"));
}

TEST_CASE("a library with another ABI version is refused before its factory runs", "[loader]") {
  auto const error = load_error("wrong_abi");
  CHECK(contains(error, "libwrong_abi.so"));
  CHECK(contains(error, "ABI version 7, runtime expects " + std::to_string(kfn::kAbiVersion)));
}

TEST_CASE("a throwing factory is a LoadError quoting what it threw", "[loader]") {
  auto const error = load_error("factory_throws");
  CHECK(contains(error, "libfactory_throws.so"));
  CHECK(contains(error, "factory threw \"GREETING is not configured\""));
}

// Loads a function's shared library, checks its ABI version and builds the function.
#pragma once

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "kfn/function.h"

namespace kfn::host {

// Missing library, missing entry symbol, ABI mismatch, wrong trigger kind or a throwing factory.
// what() names the file.
class LoadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A loaded library and the function it built. The library stays loaded while this lives.
class LoadedLibrary {
 public:
  LoadedLibrary(std::filesystem::path path, std::shared_ptr<void> handle, Function function);
  [[nodiscard]] std::filesystem::path const& path() const { return path_; }
  [[nodiscard]] Function const& function() const { return function_; }

 private:
  std::filesystem::path path_;
  std::shared_ptr<void> handle_;  // dlclose on release; declared before function_ so it outlives it
  Function function_;
};

// Opens lib<library>.so in `dir`, calls its factory with `setup`. Throws LoadError.
std::unique_ptr<LoadedLibrary> load_library(std::filesystem::path const& dir, std::string const& library,
                                            Setup& setup);

}  // namespace kfn::host

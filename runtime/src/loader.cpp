// dlopen a function's library, check its entry point and ABI version, and run its factory once.
#include "kfn/host/loader.h"

#include <dlfcn.h>

#include <exception>
#include <system_error>

namespace kfn::host {
namespace {

using EntryPoint = Entry const* (*)();

[[noreturn]] void fail(std::filesystem::path const& path, std::string const& what) {
  throw LoadError(path.string() + ": " + what);
}

std::string last_dl_error() {
  char const* const text = dlerror();
  return text ? text : "unknown dynamic loader error";
}

std::shared_ptr<void> open_library(std::filesystem::path const& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) fail(path, "no such file");
  // RTLD_NOW: an unresolved symbol is a load error now, not a crash in the middle of a request.
  void* const raw = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (raw == nullptr) fail(path, "cannot load: " + last_dl_error());
  return {raw, [](void* handle) { dlclose(handle); }};
}

Entry const& find_entry(std::filesystem::path const& path, void* handle) {
  dlerror();  // clear any stale error so a null symbol is told apart from a failure
  void* const symbol = dlsym(handle, kEntrySymbol);
  if (symbol == nullptr) {
    fail(path,
         std::string("missing entry symbol ") + kEntrySymbol + " (export it with extern \"C\" KFN_EXPORT)");
  }
  // POSIX guarantees a dlsym result for a function can be converted to a function pointer.
  auto const entry_point = reinterpret_cast<EntryPoint>(symbol);
  Entry const* const entry = entry_point();
  if (entry == nullptr) fail(path, std::string(kEntrySymbol) + " returned null");
  if (entry->abi_version != kAbiVersion) {
    fail(path, "ABI version " + std::to_string(entry->abi_version) + ", runtime expects " +
                   std::to_string(kAbiVersion) + " (rebuild the function against this runtime)");
  }
  if (entry->make == nullptr) fail(path, "entry has no factory");
  return *entry;
}

}  // namespace

LoadedLibrary::LoadedLibrary(std::filesystem::path path, std::shared_ptr<void> handle, Function function)
    : path_(std::move(path)), handle_(std::move(handle)), function_(std::move(function)) {}

std::unique_ptr<LoadedLibrary> load_library(std::filesystem::path const& dir, std::string const& library,
                                            Setup& setup) {
  std::filesystem::path const path = dir / ("lib" + library + ".so");
  // Declared before the factory runs: an exception thrown by library code must be read while the
  // library is still mapped.
  std::shared_ptr<void> handle = open_library(path);
  Entry const& entry = find_entry(path, handle.get());
  try {
    Function function = entry.make(setup);
    return std::make_unique<LoadedLibrary>(path, std::move(handle), std::move(function));
  } catch (std::exception const& e) {
    fail(path, std::string("factory threw \"") + e.what() + "\"");
  } catch (...) {
    fail(path, "factory threw a non-standard exception");
  }
}

}  // namespace kfn::host

// The function API: a function is a plain callable, built by a factory the shared library exports.
//
//   kfn::Function make(kfn::Setup& setup) {
//     return kfn::Function::http([](kfn::HttpRequest const& req, kfn::Context& ctx) { ... });
//   }
//   extern "C" KFN_EXPORT kfn::Entry const* kfn_entry() {
//     static constexpr kfn::Entry entry{kfn::kAbiVersion, &make};
//     return &entry;
//   }
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "kfn/config.h"
#include "kfn/context.h"
#include "kfn/event.h"
#include "kfn/http.h"
#include "kfn/log.h"

namespace kfn {

using HttpHandler = std::function<HttpResponse(HttpRequest const&, Context&)>;
using EventHandler = std::function<EventResult(CloudEvent const&, Context&)>;

// What a factory returns: exactly one of the handlers is set, matching the manifest's trigger.
// State kept between invocations (caches, compiled patterns) is captured by the handler.
struct Function {
  HttpHandler http_handler;
  EventHandler event_handler;

  static Function http(HttpHandler h) { return {std::move(h), {}}; }
  static Function event(EventHandler h) { return {{}, std::move(h)}; }
};

// What a factory may use once, at load time.
class Setup {
 public:
  virtual ~Setup() = default;
  [[nodiscard]] virtual std::string_view function_name() const = 0;
  [[nodiscard]] virtual Config const& config() const = 0;
  virtual Logger& log() = 0;
};

// Bumped whenever a type in runtime/include/kfn changes layout or meaning.
inline constexpr std::uint32_t kAbiVersion = 2;
inline constexpr char kEntrySymbol[] = "kfn_entry";

// abi_version stays the first member in every version, so the loader can always read it.
struct Entry {
  std::uint32_t abi_version;
  Function (*make)(Setup&);
};

}  // namespace kfn

#define KFN_EXPORT __attribute__((visibility("default")))

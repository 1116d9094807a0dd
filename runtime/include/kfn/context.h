// What one invocation of a function gets from the runtime. The services behind it are shared by all
// invocations of the loaded function; the identity, ids and deadline belong to this invocation.
#pragma once

#include <chrono>
#include <string_view>

#include "kfn/auth.h"
#include "kfn/config.h"
#include "kfn/db.h"
#include "kfn/event.h"
#include "kfn/log.h"
#include "kfn/metrics.h"
#include "kfn/redis.h"

namespace kfn {

// Valid for the duration of one invocation; do not keep references to it afterwards.
class Context {
 public:
  virtual ~Context() = default;

  virtual Database& db() = 0;  // throws std::logic_error if the manifest names no `context`
  virtual Redis& redis() = 0;
  virtual EventPublisher& events() = 0;
  virtual Tokens& tokens() = 0;
  [[nodiscard]] virtual Config const& config() const = 0;
  virtual Logger& log() = 0;
  virtual Metrics& metrics() = 0;

  // The verified caller on `auth: required` routes, nullptr elsewhere.
  [[nodiscard]] virtual Identity const* caller() const = 0;
  // The invocation should finish by then; the runtime bounds its own I/O waits by it.
  [[nodiscard]] virtual std::chrono::steady_clock::time_point deadline() const = 0;
  [[nodiscard]] virtual std::string_view request_id() const = 0;
  // W3C traceparent of the request or event that caused this invocation (may be empty).
  [[nodiscard]] virtual std::string_view traceparent() const = 0;
  // Wall-clock time; functions use this rather than the system clock so tests can pin it.
  [[nodiscard]] virtual std::chrono::system_clock::time_point now() const = 0;
};

}  // namespace kfn

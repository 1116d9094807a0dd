// A loaded function with the services it was given, and the one error boundary every trigger calls
// it through: exceptions become a 500 (HTTP) or a retry (events), plus one JSON log line.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "kfn/auth.h"
#include "kfn/event.h"
#include "kfn/http.h"
#include "kfn/host/jwt.h"
#include "kfn/host/manifest.h"
#include "kfn/host/metrics_registry.h"
#include "kfn/host/services.h"

namespace kfn::host {

// What an invocation carries besides its input.
struct Invocation {
  Identity const* caller = nullptr;
  std::chrono::steady_clock::time_point deadline;
  std::string request_id;
  std::string traceparent;
};

// Builds and owns every loaded function of a process. Thread-safe after construction.
class FunctionHost {
 public:
  // Loads every function in `catalogue` (or only `only`, when not empty) from `library_dir`.
  // Throws LoadError / ManifestError naming the file.
  FunctionHost(Catalogue catalogue, std::filesystem::path const& library_dir, Services& services,
               MetricsRegistry& metrics, std::shared_ptr<Logger> log, JwtSettings jwt,
               std::string const& only = {});
  ~FunctionHost();
  FunctionHost(FunctionHost const&) = delete;
  FunctionHost& operator=(FunctionHost const&) = delete;

  [[nodiscard]] Catalogue const& catalogue() const;
  [[nodiscard]] std::vector<FunctionManifest const*> functions() const;
  [[nodiscard]] JwtSettings const& jwt() const;
  [[nodiscard]] Services& services() const;

  // The error boundary. Unavailable -> 503 `unavailable` with Retry-After; any other exception ->
  // 500 `internal_error` and one log line. Records invocations, errors and duration.
  HttpResponse invoke_http(std::string const& function, HttpRequest const& request, Invocation const& inv);
  // Unavailable or any exception -> retry, with one log line.
  EventResult invoke_event(std::string const& function, CloudEvent const& event, Invocation const& inv);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kfn::host

// One loaded function inside the FunctionHost: its manifest, shared services, library and the
// per-function series the error boundary updates.
#pragma once

#include <memory>

#include "invocation_context.h"
#include "kfn/host/loader.h"
#include "kfn/host/manifest.h"
#include "kfn/host/metrics_registry.h"

namespace kfn::host {

struct LoadedFunction {
  FunctionManifest const* manifest = nullptr;  // points into the host's catalogue
  // Declared before `library`: handlers may keep references to the config and logger they were set
  // up with, so the library (and its handlers) go first.
  std::unique_ptr<FunctionRuntime> runtime;
  std::unique_ptr<LoadedLibrary> library;
  Counter* invocations = nullptr;
  Counter* errors = nullptr;
  Histogram* duration = nullptr;
};

// Builds one function: config, logger, metrics, database, then load_library. Throws LoadError.
std::unique_ptr<LoadedFunction> load_function(FunctionManifest const& manifest, Catalogue const& catalogue,
                                              std::filesystem::path const& library_dir, Services& services,
                                              MetricsRegistry& metrics, std::shared_ptr<Logger> const& log,
                                              Tokens& tokens);

// The error boundaries: exceptions become a 500/503 or a retry, plus one log line.
HttpResponse call_http(LoadedFunction& function, HttpRequest const& request, Invocation const& invocation);
EventResult call_event(LoadedFunction& function, CloudEvent const& event, Invocation const& invocation);

}  // namespace kfn::host

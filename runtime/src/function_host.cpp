// FunctionHost: loads every function of the catalogue once and routes invocations to them.
#include "kfn/host/function_host.h"

#include <map>
#include <set>

#include "kfn/host/loader.h"
#include "kfn/host/process_log.h"
#include "loaded_function.h"
#include "token_service.h"

namespace kfn::host {
namespace {

class FunctionSetup : public Setup {
 public:
  explicit FunctionSetup(FunctionRuntime& runtime) : runtime_(runtime) {}
  [[nodiscard]] std::string_view function_name() const override { return runtime_.name; }
  [[nodiscard]] Config const& config() const override { return runtime_.config; }
  Logger& log() override { return *runtime_.log; }

 private:
  FunctionRuntime& runtime_;
};

SchemaDatabase* database_for(FunctionManifest const& manifest, Catalogue const& catalogue,
                             Services& services) {
  if (manifest.context.empty()) return nullptr;
  ContextSpec const* const context = catalogue.context(manifest.context);
  if (context == nullptr) {
    throw ManifestError(manifest.file, 1, "context", "unknown context \"" + manifest.context + "\"");
  }
  return &services.database(context->schema);
}

void check_handler(FunctionManifest const& manifest, LoadedLibrary const& library) {
  if (manifest.http && !library.function().http_handler) {
    throw LoadError(library.path().string() + ": the manifest " + manifest.file +
                    " declares an http trigger but the factory returned no http handler");
  }
  if (manifest.kafka && !library.function().event_handler) {
    throw LoadError(library.path().string() + ": the manifest " + manifest.file +
                    " declares a kafka trigger but the factory returned no event handler");
  }
}

}  // namespace

std::unique_ptr<LoadedFunction> load_function(FunctionManifest const& manifest, Catalogue const& catalogue,
                                              std::filesystem::path const& library_dir, Services& services,
                                              MetricsRegistry& metrics, std::shared_ptr<Logger> const& log,
                                              Tokens& tokens) {
  auto loaded = std::make_unique<LoadedFunction>();
  loaded->manifest = &manifest;
  loaded->runtime = std::make_unique<FunctionRuntime>(
      manifest.name, manifest.env, with_fields(log, {{"function", manifest.name}}), metrics,
      database_for(manifest, catalogue, services), services, tokens);
  FunctionSetup setup(*loaded->runtime);
  loaded->library = load_library(library_dir, manifest.library, setup);
  check_handler(manifest, *loaded->library);
  Labels const labels{{"function", manifest.name}};
  loaded->invocations = &metrics.counter("kfn_invocations_total", "Function invocations.", labels);
  loaded->errors = &metrics.counter("kfn_invocation_errors_total",
                                    "Invocations that threw, answered 5xx or asked for a retry.", labels);
  loaded->duration = &metrics.histogram("kfn_invocation_duration_seconds", "Invocation duration.", labels);
  return loaded;
}

struct FunctionHost::Impl {
  Impl(Catalogue c, Services& s, JwtSettings j)
      : catalogue(std::move(c)), services(s), jwt(std::move(j)), tokens(jwt, s) {}

  LoadedFunction* find(std::string const& name) {
    auto const it = functions.find(name);
    return it == functions.end() ? nullptr : it->second.get();
  }

  Catalogue catalogue;
  Services& services;
  JwtSettings jwt;
  TokenService tokens;  // refers to jwt and services above
  std::map<std::string, std::unique_ptr<LoadedFunction>, std::less<>> functions;
  // Edges (trigger sse) are served by a trigger of the runtime, not a library: selected, not loaded.
  std::set<std::string, std::less<>> edges;
};

FunctionHost::FunctionHost(Catalogue catalogue, std::filesystem::path const& library_dir, Services& services,
                           MetricsRegistry& metrics, std::shared_ptr<Logger> log, JwtSettings jwt,
                           std::string const& only)
    : impl_(std::make_unique<Impl>(std::move(catalogue), services, std::move(jwt))) {
  if (!only.empty() && impl_->catalogue.function(only) == nullptr) {
    throw LoadError("no function named \"" + only + "\" in the manifests");
  }
  for (auto const& manifest : impl_->catalogue.functions) {
    if (!only.empty() && manifest.name != only) continue;
    if (manifest.sse) {
      impl_->edges.insert(manifest.name);
      continue;
    }
    impl_->functions.emplace(manifest.name, load_function(manifest, impl_->catalogue, library_dir, services,
                                                          metrics, log, impl_->tokens));
  }
}

FunctionHost::~FunctionHost() = default;

Catalogue const& FunctionHost::catalogue() const { return impl_->catalogue; }

std::vector<FunctionManifest const*> FunctionHost::functions() const {
  std::vector<FunctionManifest const*> out;
  for (auto const& manifest : impl_->catalogue.functions) {
    if (impl_->functions.count(manifest.name) != 0 || impl_->edges.count(manifest.name) != 0)
      out.push_back(&manifest);
  }
  return out;
}

JwtSettings const& FunctionHost::jwt() const { return impl_->jwt; }

Services& FunctionHost::services() const { return impl_->services; }

HttpResponse FunctionHost::invoke_http(std::string const& function, HttpRequest const& request,
                                       Invocation const& inv) {
  LoadedFunction* const loaded = impl_->find(function);
  if (loaded == nullptr || !loaded->library->function().http_handler) {
    return error_response(404, "not_found", "Not found");
  }
  return call_http(*loaded, request, inv);
}

EventResult FunctionHost::invoke_event(std::string const& function, CloudEvent const& event,
                                       Invocation const& inv) {
  LoadedFunction* const loaded = impl_->find(function);
  if (loaded == nullptr || !loaded->library->function().event_handler) {
    return EventResult::permanent("no event function named \"" + function + "\" is loaded");
  }
  return call_event(*loaded, event, inv);
}

}  // namespace kfn::host

#include "built_in_routes.h"

#include <exception>

namespace kfn::http {
namespace {

void append_section(std::string& page, std::string const& section) {
  if (section.empty()) return;
  if (!page.empty() && page.back() != '\n') page += '\n';
  page += section;
}

}  // namespace

std::optional<BuiltIn> match_built_in(std::string_view path) {
  if (path == "/health") return BuiltIn::kHealth;
  if (path == "/health/liveness") return BuiltIn::kLiveness;
  if (path == "/health/readiness") return BuiltIn::kReadiness;
  if (path == "/metrics") return BuiltIn::kMetrics;
  return std::nullopt;
}

BuiltInRoutes::BuiltInRoutes(std::string service_name, kfn::host::Services& services,
                             kfn::host::MetricsRegistry& metrics)
    : service_name_(std::move(service_name)), services_(services), metrics_(metrics) {}

HttpResponse BuiltInRoutes::health() const {
  return kfn::json_response(200, {{"status", "healthy"}, {"service", service_name_}});
}

HttpResponse BuiltInRoutes::liveness() { return kfn::json_response(200, {{"status", "alive"}}); }

HttpResponse BuiltInRoutes::readiness(bool draining) const {
  std::string detail;
  bool ready = false;
  if (draining) {
    detail = "shutting down";
  } else {
    try {
      ready = services_.ready(detail);
    } catch (std::exception const& e) {
      detail = e.what();
    }
  }
  if (ready) return kfn::json_response(200, {{"status", "ready"}});
  return kfn::json_response(503, {{"status", "not_ready"}, {"detail", detail}});
}

HttpResponse BuiltInRoutes::metrics_page() const {
  std::vector<std::function<std::string()>> sources;
  {
    std::lock_guard lock(sources_mutex_);
    sources = sources_;
  }
  std::string page = metrics_.render();
  append_section(page, services_.metrics_text());
  for (auto const& source : sources) {
    try {
      append_section(page, source());
    } catch (
        std::exception const&) {  // NOLINT(bugprone-empty-catch): one broken source must not hide the rest
    }
  }
  HttpResponse response;
  response.headers.set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
  response.body = std::move(page);
  return response;
}

void BuiltInRoutes::add_metrics_source(std::function<std::string()> source) {
  std::lock_guard lock(sources_mutex_);
  sources_.push_back(std::move(source));
}

}  // namespace kfn::http

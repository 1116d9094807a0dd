// The HTTP functions' routes, compiled once from their manifests and read without locks: method +
// path -> function and bound path parameters, or why there is no match (404 vs 405).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kfn/host/manifest.h"

namespace kfn::http {

struct RouteEntry {
  std::string function;
  kfn::host::HttpRoute route;
};

using PathParams = std::vector<std::pair<std::string, std::string>>;

struct RouteLookup {
  enum class Outcome { kFound, kNotFound, kMethodNotAllowed };
  Outcome outcome = Outcome::kNotFound;
  RouteEntry const* entry = nullptr;         // set when found
  PathParams params;                         // percent-decoded values, in template order
  std::vector<std::string> allowed_methods;  // when the path exists under other methods, sorted
};

// Immutable after construction, so concurrent lookups need no lock.
class RouteTable {
 public:
  // Throws std::invalid_argument for a template that is not /segment/{param}/...
  explicit RouteTable(std::vector<RouteEntry> entries);
  // Every function of `functions` that has an http trigger.
  static RouteTable from_manifests(std::vector<kfn::host::FunctionManifest const*> const& functions);

  [[nodiscard]] RouteLookup find(std::string_view method, std::string_view path) const;
  // Methods under which `path` has a route (sorted, without duplicates).
  [[nodiscard]] std::vector<std::string> methods_for(std::string_view path) const;

  [[nodiscard]] std::vector<RouteEntry> const& entries() const { return entries_; }
  [[nodiscard]] std::size_t largest_body_limit() const;
  [[nodiscard]] std::chrono::milliseconds longest_timeout() const;

 private:
  struct Segment {
    bool is_param = false;
    std::string text;  // the literal, or the parameter's name
  };
  struct CompiledRoute {
    std::vector<Segment> segments;
    std::size_t entry_index = 0;
  };
  struct MethodRoutes {
    std::string method;
    std::vector<CompiledRoute> routes;  // most specific first: literals win over params, left to right
  };

  static CompiledRoute compile(std::string const& path_template, std::size_t entry_index);
  [[nodiscard]] static bool matches(CompiledRoute const& route, std::vector<std::string_view> const& path);
  [[nodiscard]] MethodRoutes const* routes_for(std::string_view method) const;

  std::vector<RouteEntry> entries_;
  std::vector<MethodRoutes> by_method_;
};

}  // namespace kfn::http

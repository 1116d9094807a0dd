#include "route_table.h"

#include <algorithm>
#include <stdexcept>

#include "kfn/http.h"

namespace kfn::http {
namespace {

// "/a/b" -> {"a", "b"}; "/" -> {""}. The caller passes paths that start with '/'.
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  if (path.empty() || path.front() != '/') return segments;
  path.remove_prefix(1);
  while (true) {
    auto slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

bool is_param_segment(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

RouteTable::RouteTable(std::vector<RouteEntry> entries) : entries_(std::move(entries)) {
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    auto const& method = entries_[i].route.method;
    auto it = std::find_if(by_method_.begin(), by_method_.end(),
                           [&](MethodRoutes const& m) { return m.method == method; });
    if (it == by_method_.end()) it = by_method_.insert(by_method_.end(), MethodRoutes{method, {}});
    it->routes.push_back(compile(entries_[i].route.path, i));
  }
  // Sorting once by specificity lets lookups stop at the first match: templates of one length are
  // the only ones that can both match, and at the first segment where two of them differ in kind
  // the literal one wins (/users/search before /users/{id}).
  auto more_specific = [](CompiledRoute const& a, CompiledRoute const& b) {
    if (a.segments.size() != b.segments.size()) return a.segments.size() < b.segments.size();
    for (std::size_t i = 0; i < a.segments.size(); ++i) {
      if (a.segments[i].is_param != b.segments[i].is_param) return !a.segments[i].is_param;
    }
    return false;
  };
  for (auto& m : by_method_) std::stable_sort(m.routes.begin(), m.routes.end(), more_specific);
}

RouteTable RouteTable::from_manifests(std::vector<kfn::host::FunctionManifest const*> const& functions) {
  std::vector<RouteEntry> entries;
  for (auto const* manifest : functions) {
    if (manifest != nullptr && manifest->http) entries.push_back({manifest->name, *manifest->http});
  }
  return RouteTable(std::move(entries));
}

RouteTable::CompiledRoute RouteTable::compile(std::string const& path_template, std::size_t entry_index) {
  auto parts = split_path(path_template);
  if (parts.empty()) throw std::invalid_argument("route path must start with '/': " + path_template);
  CompiledRoute compiled{{}, entry_index};
  for (auto part : parts) {
    if (part.empty()) throw std::invalid_argument("route path has an empty segment: " + path_template);
    if (is_param_segment(part)) {
      compiled.segments.push_back({true, std::string(part.substr(1, part.size() - 2))});
    } else if (part.find_first_of("{}") != std::string_view::npos) {
      throw std::invalid_argument("route path has a malformed parameter: " + path_template);
    } else {
      compiled.segments.push_back({false, std::string(part)});
    }
  }
  return compiled;
}

bool RouteTable::matches(CompiledRoute const& route, std::vector<std::string_view> const& path) {
  if (route.segments.size() != path.size()) return false;
  for (std::size_t i = 0; i < path.size(); ++i) {
    auto const& segment = route.segments[i];
    if (segment.is_param ? path[i].empty() : segment.text != path[i]) return false;
  }
  return true;
}

RouteTable::MethodRoutes const* RouteTable::routes_for(std::string_view method) const {
  for (auto const& m : by_method_) {
    if (m.method == method) return &m;
  }
  return nullptr;
}

RouteLookup RouteTable::find(std::string_view method, std::string_view path) const {
  RouteLookup lookup;
  auto segments = split_path(path);
  if (segments.empty()) return lookup;
  if (auto const* routes = routes_for(method)) {
    for (auto const& route : routes->routes) {
      if (!matches(route, segments)) continue;
      lookup.outcome = RouteLookup::Outcome::kFound;
      lookup.entry = &entries_[route.entry_index];
      for (std::size_t i = 0; i < segments.size(); ++i) {
        if (route.segments[i].is_param) {
          lookup.params.emplace_back(route.segments[i].text, kfn::percent_decode(segments[i]));
        }
      }
      return lookup;
    }
  }
  lookup.allowed_methods = methods_for(path);
  if (!lookup.allowed_methods.empty()) lookup.outcome = RouteLookup::Outcome::kMethodNotAllowed;
  return lookup;
}

std::vector<std::string> RouteTable::methods_for(std::string_view path) const {
  std::vector<std::string> methods;
  auto segments = split_path(path);
  if (segments.empty()) return methods;
  for (auto const& m : by_method_) {
    bool any = std::any_of(m.routes.begin(), m.routes.end(),
                           [&](CompiledRoute const& r) { return matches(r, segments); });
    if (any) methods.push_back(m.method);
  }
  std::sort(methods.begin(), methods.end());
  return methods;
}

std::size_t RouteTable::largest_body_limit() const {
  std::size_t largest = 0;
  for (auto const& e : entries_) largest = std::max(largest, e.route.body_limit);
  return largest;
}

std::chrono::milliseconds RouteTable::longest_timeout() const {
  std::chrono::milliseconds longest{0};
  for (auto const& e : entries_) longest = std::max(longest, e.route.timeout);
  return longest;
}

}  // namespace kfn::http

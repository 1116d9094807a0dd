// Assembles the objects per function and the shared ones into the files `kfn knative` writes.
#include "kfn/knative/generator.h"

#include <fstream>
#include <stdexcept>

#include "kafka_objects.h"
#include "platform_objects.h"
#include "service_object.h"
#include "service_profile.h"

namespace kfn::knative {
namespace {

std::optional<Route> route_of(kfn::host::FunctionManifest const& fn, TriggerKind kind) {
  if (kind == TriggerKind::kHttp)
    return Route{fn.http->method, fn.http->path, fn.name, fn.http->auth_required};
  if (kind == TriggerKind::kSse) {
    // The stream authenticates with its single-use ticket, not a bearer token.
    if (auto path = sse_path(fn)) return Route{"GET", *path, fn.name, false};
  }
  return std::nullopt;
}

}  // namespace

std::vector<OutputFile> generate(kfn::host::Catalogue const& catalogue, GeneratorOptions const& options) {
  if (options.image.empty()) throw std::invalid_argument("--image must name the container image");
  if (options.ns.empty()) throw std::invalid_argument("--namespace must not be empty");
  auto const& part_of = catalogue.app.service_name;
  std::vector<OutputFile> files;
  std::vector<Route> routes;
  for (auto const& fn : catalogue.functions) {
    auto const kind = trigger_kind(fn);
    auto const profile = profile_for(fn, kind, options.max_timeout_seconds);
    std::vector<Object> objects{service_object(fn, kind, profile, options, part_of)};
    if (kind == TriggerKind::kKafka) {
      objects.push_back(kafka_source_object(fn, options, part_of));
      objects.push_back(dead_letter_sink_object(fn, options, part_of));
    }
    if (auto route = route_of(fn, kind)) routes.push_back(*route);
    files.push_back({"function-" + fn.name + ".yaml", to_yaml(objects)});
  }
  files.push_back({"config.yaml", to_yaml({config_map_object(options, part_of),
                                           route_map_object(routes, options, part_of)})});
  files.push_back({"topics.yaml", to_yaml(topic_objects(catalogue, options))});
  files.push_back({"templates/secret.yaml", to_yaml({secret_template_object(options, part_of)})});
  return files;
}

void write_files(std::vector<OutputFile> const& files, std::filesystem::path const& dir) {
  for (auto const& file : files) {
    auto const path = dir / file.path;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::trunc);
    out << file.text;
    if (!out) throw std::runtime_error("cannot write " + path.string());
  }
}

}  // namespace kfn::knative

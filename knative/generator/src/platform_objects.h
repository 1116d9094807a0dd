// The objects every function shares: settings (ConfigMap), the Secret template, the topics (Strimzi
// KafkaTopic) and the route map an ingress or gateway uses to send HTTP paths to Services.
#pragma once

#include <vector>

#include "kfn/host/manifest.h"
#include "kfn/knative/generator.h"
#include "yaml_writer.h"

namespace kfn::knative {

Object config_map_object(GeneratorOptions const& options, std::string const& part_of);

// Placeholders only, written outside the applied directory: real values are created by the platform
// team (kubectl create secret generic kfn-secrets --from-literal=...), never generated.
Object secret_template_object(GeneratorOptions const& options, std::string const& part_of);

// The catalogue's topics plus every dead-letter topic, as Strimzi KafkaTopic objects.
std::vector<Object> topic_objects(kfn::host::Catalogue const& catalogue, GeneratorOptions const& options);

// One route per HTTP (and SSE) function: method, path template, auth, and the cluster-local URL of
// its Service. `routes` is filled by the caller; the ConfigMap carries it as routes.json.
struct Route {
  std::string method;
  std::string path;
  std::string function;
  bool auth_required = true;
};
Object route_map_object(std::vector<Route> const& routes, GeneratorOptions const& options,
                        std::string const& part_of);

}  // namespace kfn::knative

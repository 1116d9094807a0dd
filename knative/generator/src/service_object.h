// One function's Knative Service (serving.knative.dev/v1): the shared image started in Knative mode
// for this function, its env (plain values, the ConfigMap, secretKeyRefs), probes, resources, and
// the autoscaling annotations on the revision template.
#pragma once

#include "kfn/host/manifest.h"
#include "kfn/knative/generator.h"
#include "service_profile.h"
#include "yaml_writer.h"

namespace kfn::knative {

Object service_object(kfn::host::FunctionManifest const& fn, TriggerKind kind, ServiceProfile const& profile,
                      GeneratorOptions const& options, std::string const& part_of);

}  // namespace kfn::knative

#include "service_object.h"

#include "names.h"

namespace kfn::knative {
namespace {

char const* kind_label(TriggerKind kind) {
  switch (kind) {
    case TriggerKind::kHttp:
      return "http";
    case TriggerKind::kKafka:
      return "kafka";
    case TriggerKind::kSse:
      return "sse";
  }
  return "unknown";
}

Object from_secret(char const* name, char const* key) {
  return {{"name", name}, {"valueFrom", {{"secretKeyRef", {{"name", kSecret}, {"key", key}}}}}};
}

Object from_config(char const* name, char const* key) {
  return {{"name", name}, {"valueFrom", {{"configMapKeyRef", {{"name", kConfigMap}, {"key", key}}}}}};
}

// Secrets never appear as values: MySQL and Redis URLs may hold passwords, and the JWT key is one.
Object environment(kfn::host::FunctionManifest const& fn) {
  Object env = Object::array();
  env.push_back({{"name", "KFN_FUNCTION"}, {"value", fn.name}});
  env.push_back(from_config("KAFKA_BROKERS", "kafka.brokers"));
  env.push_back(from_secret("REDIS_URL", "redis-url"));
  if (!fn.context.empty()) env.push_back(from_secret("MYSQL_URL", "mysql-url"));
  env.push_back(from_secret("KFN_JWT_SECRET", "jwt-secret"));
  for (auto const& [key, value] : fn.env) env.push_back({{"name", key}, {"value", value}});
  return env;
}

Object probe(char const* path, int period_seconds) {
  return {{"httpGet", {{"path", path}}}, {"periodSeconds", period_seconds}, {"failureThreshold", 3}};
}

Object annotations(ServiceProfile const& profile) {
  Object result{{"autoscaling.knative.dev/min-scale", std::to_string(profile.min_scale)},
                {"autoscaling.knative.dev/max-scale", std::to_string(profile.max_scale)}};
  return result;
}

}  // namespace

Object service_object(kfn::host::FunctionManifest const& fn, TriggerKind kind, ServiceProfile const& profile,
                      GeneratorOptions const& options, std::string const& part_of) {
  Object container{
      {"name", "function"},
      {"image", options.image},
      {"args", {"serve"}},
      {"ports", {{{"name", "http1"}, {"containerPort", 8080}}}},
      {"env", environment(fn)},
      {"readinessProbe", probe("/health/readiness", 5)},
      {"livenessProbe", probe("/health/liveness", 10)},
      {"resources", {{"requests", {{"cpu", fn.scale.cpu_request}, {"memory", fn.scale.memory_request}}}}},
  };
  Object revision_spec{{"containerConcurrency", profile.container_concurrency},
                       {"timeoutSeconds", profile.timeout_seconds}};
  if (profile.response_start_timeout_seconds)
    revision_spec["responseStartTimeoutSeconds"] = *profile.response_start_timeout_seconds;
  if (profile.idle_timeout_seconds) revision_spec["idleTimeoutSeconds"] = *profile.idle_timeout_seconds;
  revision_spec["containers"] = Object::array({container});

  auto metadata = object_metadata(fn.name, options.ns, part_of);
  metadata["labels"]["kfn.dev/trigger"] = kind_label(kind);
  // Kafka-triggered functions are reached only by their KafkaSource: keep them off the ingress.
  if (kind == TriggerKind::kKafka) metadata["labels"]["networking.knative.dev/visibility"] = "cluster-local";
  return Object{
      {"apiVersion", "serving.knative.dev/v1"},
      {"kind", "Service"},
      {"metadata", metadata},
      {"spec",
       {{"template", {{"metadata", {{"annotations", annotations(profile)}}}, {"spec", revision_spec}}}}},
  };
}

}  // namespace kfn::knative

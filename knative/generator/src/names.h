// The names generated objects share, in one place so references between them always agree.
#pragma once

#include <string>

#include "yaml_writer.h"

namespace kfn::knative {

inline constexpr char kConfigMap[] = "kfn-config";  // brokers and other non-secret settings
inline constexpr char kSecret[] = "kfn-secrets";    // MySQL and Redis URLs, the JWT key
inline constexpr char kRouteMap[] = "kfn-routes";   // HTTP path -> Service, for the ingress
inline constexpr char kPartOf[] = "app.kubernetes.io/part-of";

// The KafkaSink that writes a function's dead letters to its dead-letter topic.
inline std::string dead_letter_sink_name(std::string const& function) { return function + "-dlq"; }

// Kubernetes object names allow [a-z0-9.-]; Kafka topic names also allow '_' (user.online_status).
std::string object_name_for_topic(std::string const& topic);

Object object_metadata(std::string const& name, std::string const& ns, std::string const& part_of);

}  // namespace kfn::knative

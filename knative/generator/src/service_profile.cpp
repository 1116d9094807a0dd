#include "service_profile.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <stdexcept>

#include "iso_duration.h"

namespace kfn::knative {
namespace {

YAML::Node trigger_node(kfn::host::FunctionManifest const& fn) {
  if (fn.file.empty())
    throw std::invalid_argument(fn.name + ": no http or kafka trigger and no manifest file");
  try {
    return YAML::LoadFile(fn.file)["trigger"];
  } catch (YAML::Exception const& e) {
    throw std::invalid_argument(fn.file + ": " + e.what());
  }
}

}  // namespace

TriggerKind trigger_kind(kfn::host::FunctionManifest const& fn) {
  if (fn.http) return TriggerKind::kHttp;
  if (fn.kafka) return TriggerKind::kKafka;
  auto trigger = trigger_node(fn);
  if (trigger.IsMap() && trigger["sse"]) return TriggerKind::kSse;
  std::string kinds;
  if (trigger.IsMap()) {
    for (auto const& entry : trigger) kinds += (kinds.empty() ? "" : ", ") + entry.first.as<std::string>();
  }
  throw std::invalid_argument(fn.file + ": trigger: the Knative generator knows http, kafka and sse, not '" +
                              kinds + "'");
}

std::optional<std::string> sse_path(kfn::host::FunctionManifest const& fn) {
  auto trigger = trigger_node(fn);
  if (!trigger.IsMap() || !trigger["sse"]) return std::nullopt;
  auto path = trigger["sse"].IsMap() ? trigger["sse"]["path"] : YAML::Node();
  // API.md's stream is GET /events when the manifest does not say otherwise.
  return path && path.IsScalar() ? path.as<std::string>() : std::string(kDefaultSsePath);
}

ServiceProfile profile_for(kfn::host::FunctionManifest const& fn, TriggerKind kind, int max_timeout_seconds) {
  ServiceProfile profile;
  profile.min_scale = fn.scale.min_scale;
  profile.max_scale = fn.scale.max_scale;
  profile.container_concurrency = fn.scale.container_concurrency;
  switch (kind) {
    case TriggerKind::kHttp:
      // One second over the route's own deadline, so the function's timeout answers first.
      profile.timeout_seconds = ceil_seconds(fn.http->timeout) + 1;
      break;
    case TriggerKind::kKafka:
      profile.timeout_seconds = kEventTimeoutSeconds;
      break;
    case TriggerKind::kSse:
      // Streams hold connections: never scale to zero (a cold start would drop every client), and
      // let a stream live as long as the platform allows, cut only when heartbeats stop.
      profile.min_scale = std::max(1, profile.min_scale);
      profile.max_scale = std::max(profile.max_scale, profile.min_scale);
      profile.timeout_seconds = max_timeout_seconds;
      profile.response_start_timeout_seconds = kSseResponseStartTimeoutSeconds;
      profile.idle_timeout_seconds = kSseIdleTimeoutSeconds;
      break;
  }
  if (profile.timeout_seconds > max_timeout_seconds) {
    throw std::invalid_argument(fn.name + ": timeout of " + std::to_string(profile.timeout_seconds) +
                                " s exceeds the platform's max-revision-timeout-seconds (" +
                                std::to_string(max_timeout_seconds) + "); raise it with --max-timeout");
  }
  return profile;
}

}  // namespace kfn::knative

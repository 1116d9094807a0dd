// How a function's trigger shapes its Knative Service: scale bounds, concurrency and the request
// timeouts. HTTP and Kafka functions scale to zero; the SSE edge (long-lived streams) keeps at least
// one instance and gets timeouts that outlast its streams' heartbeats.
#pragma once

#include <optional>
#include <string>

#include "kfn/host/manifest.h"

namespace kfn::knative {

enum class TriggerKind { kHttp, kKafka, kSse };

// The SSE edge sends a comment line this often; a stream idle for longer than idle_timeout is cut.
inline constexpr int kSseHeartbeatSeconds = 15;
inline constexpr int kSseIdleTimeoutSeconds = 60;
inline constexpr int kSseResponseStartTimeoutSeconds = 10;
// What an event invocation may take (the Kafka trigger's invocation timeout) before Knative gives up.
inline constexpr int kEventTimeoutSeconds = 35;

// From the parsed manifest when it is http or kafka; otherwise the key under `trigger:` in the
// manifest file itself, so trigger kinds the parser learns later (sse) are recognised here too.
// Throws std::invalid_argument for a kind it does not know.
TriggerKind trigger_kind(kfn::host::FunctionManifest const& fn);

inline constexpr char kDefaultSsePath[] = "/events";

// The SSE route's path (trigger.sse.path, default /events) when the manifest file declares an sse trigger.
std::optional<std::string> sse_path(kfn::host::FunctionManifest const& fn);

struct ServiceProfile {
  int min_scale = 0;
  int max_scale = 10;
  int container_concurrency = 0;  // 0: unlimited
  int timeout_seconds = 30;
  std::optional<int> response_start_timeout_seconds;
  std::optional<int> idle_timeout_seconds;
};

// Throws std::invalid_argument when a timeout would exceed max_timeout_seconds.
ServiceProfile profile_for(kfn::host::FunctionManifest const& fn, TriggerKind kind, int max_timeout_seconds);

}  // namespace kfn::knative

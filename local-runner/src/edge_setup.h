// How the runner configures an SSE edge for the Kafka it consumes from.
#pragma once

#include <string>

#include "kfn/host/manifest.h"
#include "kfn/sse/edge.h"

namespace kfn::runner {

// The manifest's options; with the embedded mock cluster, the short fetch wait every consumer of it
// uses (kfn::kafka::kMockClusterFetchWait): the mock broker holds an empty fetch for the whole wait
// even when records arrive meanwhile, so the wait adds to every delivery's latency.
kfn::sse::EdgeOptions edge_options_for(kfn::host::FunctionManifest const& manifest,
                                       std::string const& kafka_brokers, bool kafka_embedded,
                                       std::string const& schema_prefix);

}  // namespace kfn::runner

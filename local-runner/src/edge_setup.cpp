#include "edge_setup.h"

#include "kfn/kafka/trigger.h"

namespace kfn::runner {

kfn::sse::EdgeOptions edge_options_for(kfn::host::FunctionManifest const& manifest,
                                       std::string const& kafka_brokers, bool kafka_embedded,
                                       std::string const& schema_prefix) {
  auto options = kfn::sse::EdgeOptions::from_manifest(manifest, kafka_brokers, schema_prefix);
  if (kafka_embedded) options.fetch_wait = kfn::kafka::kMockClusterFetchWait;
  return options;
}

}  // namespace kfn::runner

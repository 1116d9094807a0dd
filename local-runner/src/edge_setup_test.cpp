#include "edge_setup.h"

#include <catch2/catch.hpp>

#include "kfn/kafka/trigger.h"

namespace {

kfn::host::FunctionManifest edge_manifest() {
  kfn::host::FunctionManifest manifest;
  manifest.name = "edge-events";
  manifest.sse = kfn::host::SseTrigger{};
  return manifest;
}

}  // namespace

TEST_CASE("an edge on the embedded mock cluster fetches with the short wait every consumer of it uses") {
  auto const options = kfn::runner::edge_options_for(edge_manifest(), "127.0.0.1:9092", true, "p_");
  CHECK(options.fetch_wait == kfn::kafka::kMockClusterFetchWait);
  CHECK(options.kafka_brokers == "127.0.0.1:9092");
  CHECK(options.function_name == "edge-events");
}

TEST_CASE("an edge on real brokers keeps its usual fetch wait") {
  auto const embedded = kfn::runner::edge_options_for(edge_manifest(), "b:9092", true, "");
  auto const real = kfn::runner::edge_options_for(edge_manifest(), "b:9092", false, "");
  CHECK(real.fetch_wait == kfn::sse::EdgeOptions{}.fetch_wait);
  CHECK(real.fetch_wait > embedded.fetch_wait);
}

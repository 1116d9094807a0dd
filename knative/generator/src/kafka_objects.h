// A Kafka-triggered function's event path on Knative: the KafkaSource (sources.knative.dev/v1beta1)
// that reads its topics in its consumer group and POSTs each record to its Service, and the KafkaSink
// (eventing.knative.dev/v1alpha1) that writes what still fails after the retries to <function>.dlq.
#pragma once

#include "kfn/host/manifest.h"
#include "kfn/knative/generator.h"
#include "yaml_writer.h"

namespace kfn::knative {

// Ordered per partition; delivery retries the manifest's attempts - 1 times with exponential backoff
// from its initial_backoff, then hands the event to the dead-letter KafkaSink.
Object kafka_source_object(kfn::host::FunctionManifest const& fn, GeneratorOptions const& options,
                           std::string const& part_of);

// The dead-letter topic's sink, on the same cluster as the source (see docs/knative.md for why).
Object dead_letter_sink_object(kfn::host::FunctionManifest const& fn, GeneratorOptions const& options,
                               std::string const& part_of);

}  // namespace kfn::knative

#include "kafka_objects.h"

#include "iso_duration.h"
#include "names.h"

namespace kfn::knative {

Object kafka_source_object(kfn::host::FunctionManifest const& fn, GeneratorOptions const& options,
                           std::string const& part_of) {
  auto const& kafka = *fn.kafka;
  Object delivery{
      // Knative counts retries after the first attempt; the manifest counts every attempt.
      {"retry", std::max(0, kafka.retry.attempts - 1)},
      {"backoffPolicy", "exponential"},
      {"backoffDelay", iso8601_duration(kafka.retry.initial_backoff)},
      {"deadLetterSink",
       {{"ref",
         {{"apiVersion", "eventing.knative.dev/v1alpha1"},
          {"kind", "KafkaSink"},
          {"name", dead_letter_sink_name(fn.name)}}}}},
  };
  return Object{
      {"apiVersion", "sources.knative.dev/v1beta1"},
      {"kind", "KafkaSource"},
      {"metadata", object_metadata(fn.name, options.ns, part_of)},
      {"spec",
       {
           {"consumerGroup", kafka.group.empty() ? fn.name : kafka.group},
           {"bootstrapServers", options.kafka_bootstrap},
           {"topics", kafka.topics},
           {"initialOffset", kafka.initial_offset},
           {"ordering", "ordered"},
           {"delivery", delivery},
           {"sink",
            {{"ref", {{"apiVersion", "serving.knative.dev/v1"}, {"kind", "Service"}, {"name", fn.name}}}}},
       }},
  };
}

Object dead_letter_sink_object(kfn::host::FunctionManifest const& fn, GeneratorOptions const& options,
                               std::string const& part_of) {
  auto const topic = fn.kafka->dead_letter_topic.empty() ? fn.name + ".dlq" : fn.kafka->dead_letter_topic;
  return Object{
      {"apiVersion", "eventing.knative.dev/v1alpha1"},
      {"kind", "KafkaSink"},
      {"metadata", object_metadata(dead_letter_sink_name(fn.name), options.ns, part_of)},
      // Binary mode keeps the record value as it was and its attributes as ce_ headers.
      {"spec", {{"topic", topic}, {"bootstrapServers", options.kafka_bootstrap}, {"contentMode", "binary"}}},
  };
}

}  // namespace kfn::knative

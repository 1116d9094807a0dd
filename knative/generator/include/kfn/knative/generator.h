// `kfn knative`: the manifests as Kubernetes objects a platform team can `kubectl apply`: one Knative
// Service per function, a KafkaSource (and a dead-letter KafkaSink) per Kafka trigger, Strimzi topics,
// the shared ConfigMap, the HTTP route map, and a Secret template kept out of the applied set.
//
//   auto files = kfn::knative::generate(catalogue, {.image = "registry.example/kfn:1.0"});
//   kfn::knative::write_files(files, "deploy/");
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "kfn/host/manifest.h"

namespace kfn::knative {

// The generated Secret's JWT key until the operator replaces it. The serving commands refuse to start
// with it: a key printed in every generated file signs nothing.
inline constexpr char kJwtSecretPlaceholder[] = "REPLACE-WITH-32-OR-MORE-RANDOM-BYTES";

struct GeneratorOptions {
  std::string image = "ghcr.io/example/kfn:latest";
  std::string ns = "kfn";
  std::vector<std::string> kafka_bootstrap{"kfn-kafka-kafka-bootstrap.kafka:9092"};
  std::string strimzi_cluster = "kfn-kafka";  // strimzi.io/cluster label of the KafkaTopic objects
  int max_timeout_seconds = 600;              // Knative's default max-revision-timeout-seconds
};

struct OutputFile {
  std::filesystem::path path;  // relative to the output directory
  std::string text;
};

// Throws std::invalid_argument when the manifests cannot be expressed (e.g. a timeout beyond
// max_timeout_seconds, a trigger kind it does not know).
std::vector<OutputFile> generate(kfn::host::Catalogue const& catalogue, GeneratorOptions const& options);

// Creates `dir` (and templates/) and writes every file, replacing earlier output.
void write_files(std::vector<OutputFile> const& files, std::filesystem::path const& dir);

}  // namespace kfn::knative

// `kfn serve`: Knative mode. One function (KFN_FUNCTION) on $PORT, with probes, CloudEvents over
// HTTP for Kafka-triggered functions (KafkaSource feeds them; there is no Kafka consumer here), and
// a drain on SIGTERM. Kafka, MySQL and Redis are always outside services.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace kfn::runner {

struct ServeOptions {
  std::string function;                           // KFN_FUNCTION
  std::string address = "0.0.0.0";                // KFN_ADDRESS; Knative's queue-proxy reaches the pod's IP
  std::uint16_t port = 8080;                      // PORT; 0: any free port (printed on start)
  std::filesystem::path manifests = "manifests";  // KFN_MANIFESTS
  std::filesystem::path library_dir;              // KFN_LIB_DIR
  std::string schema_prefix;                      // KFN_SCHEMA_PREFIX (test isolation)
  bool migrate = true;                            // KFN_MIGRATE=0 leaves migrations to a job
};

// The options from the environment Knative sets (PORT) and the Service's env (KFN_*). Throws
// std::invalid_argument for a malformed value.
ServeOptions serve_options_from_environment(std::filesystem::path const& default_library_dir);

// Runs until SIGINT or SIGTERM, then drains and stops. Returns the process exit code. Throws
// std::runtime_error naming what is missing (KFN_FUNCTION, MYSQL_URL, REDIS_URL, KAFKA_BROKERS).
int serve(ServeOptions const& options);

// `kfn serve [--function NAME] [--port N] [--address A] [--manifests DIR] [--lib-dir DIR]`: flags
// override the environment. Throws std::invalid_argument for bad usage.
int serve_command(std::vector<std::string> const& args, std::filesystem::path const& default_library_dir);

}  // namespace kfn::runner

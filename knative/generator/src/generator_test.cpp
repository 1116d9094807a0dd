#include "kfn/knative/generator.h"

#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace kfn::knative {
namespace {

std::vector<YAML::Node> objects_of(std::vector<OutputFile> const& files, std::string const& name) {
  for (auto const& file : files) {
    if (file.path == name) return YAML::LoadAll(file.text);
  }
  FAIL("no file " << name);
  return {};
}

TEST_CASE("a Kafka-triggered function gets a Service, a KafkaSource and a dead-letter KafkaSink") {
  auto catalogue = kfn::host::load_catalogue(KFN_MANIFESTS_DIR);
  auto files = generate(catalogue, {.image = "registry.example/kfn:1", .ns = "chat"});
  auto objects = objects_of(files, "function-notify-push.yaml");
  REQUIRE(objects.size() == 3);
  auto const& service = objects[0];
  auto const& source = objects[1];
  auto const& sink = objects[2];
  CHECK(service["kind"].as<std::string>() == "Service");
  CHECK(service["spec"]["template"]["metadata"]["annotations"]["autoscaling.knative.dev/min-scale"]
            .as<std::string>() == "0");
  auto container = service["spec"]["template"]["spec"]["containers"][0];
  CHECK(container["image"].as<std::string>() == "registry.example/kfn:1");
  CHECK(container["env"][0]["value"].as<std::string>() == "notify-push");
  CHECK(source["spec"]["ordering"].as<std::string>() == "ordered");
  CHECK(source["spec"]["delivery"]["retry"].as<int>() == 7);  // 8 attempts = 1 + 7 retries
  CHECK(source["spec"]["delivery"]["backoffDelay"].as<std::string>() == "PT0.2S");
  CHECK(source["spec"]["sink"]["ref"]["name"].as<std::string>() == "notify-push");
  CHECK(source["spec"]["delivery"]["deadLetterSink"]["ref"]["name"].as<std::string>() ==
        sink["metadata"]["name"].as<std::string>());
  CHECK(sink["spec"]["topic"].as<std::string>() == "notify-push.dlq");
}

TEST_CASE("no secret value is ever written into the applied objects") {
  auto catalogue = kfn::host::load_catalogue(KFN_MANIFESTS_DIR);
  for (auto const& file : generate(catalogue, {})) {
    if (file.path.parent_path() == "templates") continue;
    CHECK(file.text.find("mysql://") == std::string::npos);
    CHECK(file.text.find("redis://") == std::string::npos);
    CHECK(file.text.find("kind: \"Secret\"") == std::string::npos);
  }
}

TEST_CASE("topics with underscores get valid object names and keep their topic name") {
  auto catalogue = kfn::host::load_catalogue(KFN_MANIFESTS_DIR);
  bool found = false;
  for (auto const& topic : objects_of(generate(catalogue, {}), "topics.yaml")) {
    if (topic["spec"]["topicName"].as<std::string>() != "user.online_status") continue;
    found = true;
    CHECK(topic["metadata"]["name"].as<std::string>() == "user.online-status");
  }
  CHECK(found);
}

TEST_CASE("an SSE edge keeps an instance, gets long-stream timeouts and its route in the route map") {
  auto dir = std::filesystem::temp_directory_path() / ("kfn-generator-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  kfn::host::Catalogue catalogue;
  catalogue.app.service_name = "kfn-chat";
  kfn::host::FunctionManifest edge;
  edge.name = "sse-edge";
  edge.library = "sse_edge";
  edge.file = (dir / "sse-edge.yaml").string();
  std::ofstream(edge.file) << "name: sse-edge\nlibrary: sse_edge\ntrigger:\n  sse: {}\n";
  catalogue.functions.push_back(edge);
  auto files = generate(catalogue, {});
  auto service = objects_of(files, "function-sse-edge.yaml").at(0);
  auto annotations = service["spec"]["template"]["metadata"]["annotations"];
  CHECK(annotations["autoscaling.knative.dev/min-scale"].as<std::string>() == "1");
  auto spec = service["spec"]["template"]["spec"];
  CHECK(spec["timeoutSeconds"].as<int>() == 600);
  CHECK(spec["idleTimeoutSeconds"].as<int>() > 15);
  CHECK(spec["responseStartTimeoutSeconds"].as<int>() == 10);
  CHECK(service["metadata"]["labels"]["kfn.dev/trigger"].as<std::string>() == "sse");
  auto config = objects_of(files, "config.yaml");
  auto routes = nlohmann::json::parse(config.at(1)["data"]["routes.json"].as<std::string>());
  REQUIRE(routes.size() == 1);
  CHECK(routes[0]["path"] == "/events");
  CHECK(routes[0]["service"] == "sse-edge");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kfn::knative

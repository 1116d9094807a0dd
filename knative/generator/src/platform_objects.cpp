#include "platform_objects.h"

#include <algorithm>
#include <set>

#include "names.h"

namespace kfn::knative {
namespace {

std::string joined(std::vector<std::string> const& items) {
  std::string text;
  for (auto const& item : items) text += (text.empty() ? "" : ",") + item;
  return text;
}

Object topic_object(std::string const& topic, int partitions, int replicas,
                    std::optional<std::chrono::milliseconds> retention, GeneratorOptions const& options,
                    std::string const& part_of) {
  auto metadata = object_metadata(object_name_for_topic(topic), options.ns, part_of);
  metadata["labels"]["strimzi.io/cluster"] = options.strimzi_cluster;
  Object spec{{"topicName", topic}, {"partitions", partitions}, {"replicas", replicas}};
  if (retention) spec["config"] = {{"retention.ms", std::to_string(retention->count())}};
  return {{"apiVersion", "kafka.strimzi.io/v1beta2"},
          {"kind", "KafkaTopic"},
          {"metadata", metadata},
          {"spec", spec}};
}

}  // namespace

Object config_map_object(GeneratorOptions const& options, std::string const& part_of) {
  return {{"apiVersion", "v1"},
          {"kind", "ConfigMap"},
          {"metadata", object_metadata(kConfigMap, options.ns, part_of)},
          {"data", {{"kafka.brokers", joined(options.kafka_bootstrap)}}}};
}

Object secret_template_object(GeneratorOptions const& options, std::string const& part_of) {
  return {{"apiVersion", "v1"},
          {"kind", "Secret"},
          {"metadata", object_metadata(kSecret, options.ns, part_of)},
          {"type", "Opaque"},
          {"stringData",
           {{"mysql-url", "mysql://USER:PASSWORD@MYSQL-HOST:3306/"},
            {"redis-url", "redis://REDIS-HOST:6379"},
            {"jwt-secret", kJwtSecretPlaceholder}}}};
}

std::vector<Object> topic_objects(kfn::host::Catalogue const& catalogue, GeneratorOptions const& options) {
  std::vector<Object> objects;
  std::set<std::string> done;
  auto const& part_of = catalogue.app.service_name;
  for (auto const& topic : catalogue.topics) {
    objects.push_back(topic_object(topic.name, topic.partitions, topic.replication_factor, topic.retention,
                                   options, part_of));
    done.insert(topic.name);
  }
  // A dead-letter topic gets the partitions of the widest topic it receives from, as the runner does.
  for (auto const& fn : catalogue.functions) {
    if (!fn.kafka) continue;
    auto const dlq = fn.kafka->dead_letter_topic.empty() ? fn.name + ".dlq" : fn.kafka->dead_letter_topic;
    if (!done.insert(dlq).second) continue;
    int partitions = 1;
    int replicas = 1;
    for (auto const& source : fn.kafka->topics) {
      if (auto const* spec = catalogue.topic(source)) {
        partitions = std::max(partitions, spec->partitions);
        replicas = std::max(replicas, spec->replication_factor);
      }
    }
    objects.push_back(topic_object(dlq, partitions, replicas, std::nullopt, options, part_of));
  }
  return objects;
}

Object route_map_object(std::vector<Route> const& routes, GeneratorOptions const& options,
                        std::string const& part_of) {
  Object list = Object::array();
  for (auto const& route : routes) {
    list.push_back({{"method", route.method},
                    {"path", route.path},
                    {"service", route.function},
                    {"url", "http://" + route.function + "." + options.ns + ".svc.cluster.local"},
                    {"auth", route.auth_required ? "required" : "none"}});
  }
  return {{"apiVersion", "v1"},
          {"kind", "ConfigMap"},
          {"metadata", object_metadata(kRouteMap, options.ns, part_of)},
          {"data", {{"routes.json", list.dump(2)}}}};
}

}  // namespace kfn::knative

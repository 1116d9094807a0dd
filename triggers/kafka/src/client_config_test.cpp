#include "client_config.h"

#include <catch2/catch.hpp>
#include <cstdlib>

namespace kfn::kafka {
namespace {

TEST_CASE("consumers are cooperative-sticky and never store or commit offsets on their own") {
  kfn::host::KafkaTrigger trigger;
  auto properties = consumer_properties("b:9092", "users-sync", trigger, {});
  CHECK(properties.at("partition.assignment.strategy") == "cooperative-sticky");
  CHECK(properties.at("enable.auto.offset.store") == "false");
  CHECK(properties.at("enable.auto.commit") == "false");
  CHECK(properties.at("bootstrap.servers") == "b:9092");
}

TEST_CASE("statistics arrive every commit interval, since they are what lets a commit go out") {
  TriggerOptions options;
  options.commit_interval = std::chrono::milliseconds(250);
  CHECK(consumer_properties("b", "f", {}, options).at("statistics.interval.ms") == "250");
}

TEST_CASE("the consumer group defaults to the function name and follows the manifest") {
  kfn::host::KafkaTrigger trigger;
  CHECK(consumer_properties("b", "users-sync", trigger, {}).at("group.id") == "users-sync");
  trigger.group = "shared";
  trigger.initial_offset = "latest";
  auto properties = consumer_properties("b", "users-sync", trigger, {});
  CHECK(properties.at("group.id") == "shared");
  CHECK(properties.at("auto.offset.reset") == "latest");
}

TEST_CASE("extra consumer properties from the options win over the defaults") {
  TriggerOptions options;
  options.consumer_properties = {{"session.timeout.ms", "6000"}, {"enable.auto.commit", "true"}};
  auto properties = consumer_properties("b", "f", {}, options);
  CHECK(properties.at("session.timeout.ms") == "6000");
  CHECK(properties.at("enable.auto.commit") == "true");
}

TEST_CASE("the dead-letter producer is idempotent with acks=all") {
  auto properties = producer_properties("b", {});
  CHECK(properties.at("enable.idempotence") == "true");
  CHECK(properties.at("acks") == "all");
}

TEST_CASE("a property librdkafka refuses is an error naming it") {
  CHECK_THROWS_WITH(make_conf({{"no.such.property", "1"}}), Catch::Contains("no.such.property"));
  CHECK(make_conf({{"client.id", "x"}}) != nullptr);
}

TEST_CASE("property lists parse key=value pairs and refuse anything else") {
  auto properties = parse_property_list(" session.timeout.ms=3000, heartbeat.interval.ms = 300 ,,");
  CHECK(properties == Properties{{"session.timeout.ms", "3000"}, {"heartbeat.interval.ms", "300"}});
  CHECK(parse_property_list("").empty());
  CHECK_THROWS_AS(parse_property_list("novalue"), std::invalid_argument);
  CHECK_THROWS_AS(parse_property_list("=x"), std::invalid_argument);
}

TEST_CASE("TriggerOptions read their librdkafka properties from the environment") {
  setenv("KFN_KAFKA_CONSUMER_PROPERTIES", "session.timeout.ms=3000", 1);
  setenv("KFN_KAFKA_PRODUCER_PROPERTIES", "linger.ms=1", 1);
  auto options = TriggerOptions::from_environment();
  unsetenv("KFN_KAFKA_CONSUMER_PROPERTIES");
  unsetenv("KFN_KAFKA_PRODUCER_PROPERTIES");
  CHECK(options.consumer_properties.at("session.timeout.ms") == "3000");
  CHECK(options.producer_properties.at("linger.ms") == "1");
}

TEST_CASE("on the mock cluster fetches wait briefly, unless the environment says otherwise") {
  CHECK(TriggerOptions::from_environment(true).consumer_properties.at("fetch.wait.max.ms") == "5");
  CHECK_FALSE(TriggerOptions::from_environment(false).consumer_properties.contains("fetch.wait.max.ms"));
  setenv("KFN_KAFKA_CONSUMER_PROPERTIES", "fetch.wait.max.ms=50", 1);
  auto options = TriggerOptions::from_environment(true);
  unsetenv("KFN_KAFKA_CONSUMER_PROPERTIES");
  CHECK(options.consumer_properties.at("fetch.wait.max.ms") == "50");
}

}  // namespace
}  // namespace kfn::kafka

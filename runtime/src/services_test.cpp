#include "kfn/host/services.h"

#include <catch2/catch.hpp>

#include "kfn/errors.h"
#include "kfn/host/mock_kafka.h"
#include "services_test_support.h"

using namespace kfn::host;
using kfn::DomainEvent;
using kfn::host::testing::eventually;
using kfn::host::testing::MemoryLogger;
using kfn::host::testing::read_topic;
using kfn::host::testing::required_env;
using kfn::host::testing::ScratchSchema;
using kfn::host::testing::TempDir;

TEST_CASE("services wire MySQL, Redis and Kafka: a migrated schema's transaction reaches the topic") {
  MockKafka kafka;
  kafka.create_topic("user.events", 1);
  ScratchSchema schema("kfn_test_services");
  TempDir migrations;
  migrations.write("001_users.sql", "CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(50));\n");
  MemoryLogger log;
  ServiceConfig config;
  config.mysql_url = required_env("KFN_TEST_MYSQL_URL");
  config.redis_url = required_env("KFN_TEST_REDIS_URL");
  config.kafka_brokers = kafka.bootstrap();
  auto services = Services::create(config, log);

  services->migrate(schema.name(), migrations.path());
  auto& database = services->database(schema.name());
  CHECK(&database == &services->database(schema.name()));
  {
    auto transaction = database.begin({"users-register", ""});
    transaction->execute("INSERT INTO users VALUES (?, ?)", {std::int64_t{7}, std::string("ann")});
    transaction->publish(DomainEvent{"user.events", "7", "UserRegistered", {{"user_id", 7}}});
    transaction->commit();
  }
  auto const records = read_topic(kafka.bootstrap(), "user.events", 1);
  REQUIRE(records.size() == 1);
  CHECK(nlohmann::json::parse(records[0].value)["user_id"] == 7);

  services->publisher().publish(DomainEvent{"user.events", "7", "UserProfileUpdated", {}},
                                {"users-profile", ""});
  CHECK(read_topic(kafka.bootstrap(), "user.events", 2).size() == 2);
  CHECK(services->redis().command({"PING"}).str == "PONG");

  std::string detail;
  CHECK(services->ready(detail));
  CHECK(detail.empty());
  CHECK(eventually([&] {
    return services->metrics_text().find("kfn_outbox_backlog{schema=\"" + schema.name() + "\"} 0") !=
           std::string::npos;
  }));
  services->shutdown(std::chrono::seconds(2));
}

TEST_CASE("services without a database refuse database() and log no password") {
  MemoryLogger log;
  ServiceConfig config;
  config.redis_url = "redis://127.0.0.1:1";
  auto services = Services::create(config, log);
  CHECK_THROWS_AS(services->database("chat"), std::logic_error);
  CHECK_THROWS_AS(services->publisher().publish(DomainEvent{"t", "k", "T", {}}, {"f", ""}), std::logic_error);
  std::string detail;
  CHECK_FALSE(services->ready(detail));
  CHECK(detail.find("redis") != std::string::npos);

  ServiceConfig with_password;
  with_password.mysql_url = "mysql://app:hunter2@127.0.0.1:1/";
  auto guarded = Services::create(with_password, log);
  CHECK_THROWS_AS(guarded->database("chat").execute("SELECT 1", {}), kfn::Unavailable);
  CHECK_FALSE(guarded->ready(detail));
  CHECK(detail.find("hunter2") == std::string::npos);
  for (auto const& line : log.lines()) CHECK(line.find("hunter2") == std::string::npos);
}

TEST_CASE("the event producer takes the configured librdkafka properties over its defaults") {
  MockKafka kafka;
  MemoryLogger log;
  ServiceConfig config;
  config.kafka_brokers = kafka.bootstrap();
  config.kafka_producer_properties = {{"linger.ms", "0"}};
  CHECK_NOTHROW(Services::create(config, log)->shutdown(std::chrono::seconds(1)));

  // A property librdkafka does not know is refused at start, by name, instead of being ignored.
  config.kafka_producer_properties = {{"no.such.property", "1"}};
  try {
    Services::create(config, log);
    FAIL("an unknown producer property was accepted");
  } catch (std::invalid_argument const& e) {
    CHECK(std::string(e.what()).find("no.such.property") != std::string::npos);
  }
}

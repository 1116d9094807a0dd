// What the users context publishes: CloudEvents 1.0 in Kafka binary mode on user.events (API.md).
#include <catch2/catch.hpp>
#include <regex>

#include "kafka_reader.h"
#include "runner_process.h"
#include "test_users.h"

using kfn::test::body_of;
using kfn::test::shared_runner;
using nlohmann::json;

TEST_CASE("UserRegistered reaches user.events with CloudEvents headers, key and data") {
  auto& runner = shared_runner();
  REQUIRE_FALSE(runner.kafka_bootstrap().empty());
  auto client = runner.client();
  auto username = kfn::test::unique_username("ev");
  std::string const trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
  auto created = client->request(
      "POST", "/auth/register",
      json{{"email", username + "@example.com"}, {"username", username}, {"password", "correct horse battery"}}.dump(),
      {{"traceparent", "00-" + trace_id + "-00f067aa0ba902b7-01"}});
  REQUIRE(created.status == 201);
  auto user_id = std::to_string(body_of(created)["id"].get<std::int64_t>());

  kfn::test::KafkaReader reader(runner.kafka_bootstrap(), "user.events");
  auto record = reader.find([&](auto const& r) {
    return r.key == user_id && r.headers.count("ce_type") && r.headers.at("ce_type") == "UserRegistered";
  });
  REQUIRE(record);
  auto const& h = record->headers;
  CHECK(h.at("ce_specversion") == "1.0");
  CHECK(std::regex_match(h.at("ce_id"), std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
  CHECK(h.at("ce_source") == "/kfn/users-register");
  CHECK(h.at("ce_subject") == user_id);
  CHECK(std::regex_match(h.at("ce_time"), std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));
  CHECK(h.at("content-type") == "application/json");
  REQUIRE(h.count("traceparent"));
  CHECK(h.at("traceparent").find(trace_id) != std::string::npos);  // same trace, the request caused it

  auto data = json::parse(record->value);
  CHECK(data["event_type"] == "UserRegistered");
  CHECK(data.contains("occurred_at"));
  CHECK(std::to_string(data["user_id"].get<std::int64_t>()) == user_id);
  CHECK(data["username"] == username);
  CHECK(data["email"] == username + "@example.com");
  CHECK_FALSE(data.contains("password"));
  CHECK_FALSE(data.contains("password_hash"));
}

TEST_CASE("UserProfileUpdated follows a profile change on the same key") {
  auto& runner = shared_runner();
  auto client = runner.client();
  auto user = kfn::test::register_and_login(*client, "pev");
  auto updated = client->request("PUT", "/profile/me", json{{"display_name", "Renamed"}}.dump(),
                                 {kfn::test::bearer(user.access_token)});
  REQUIRE(updated.status == 200);

  kfn::test::KafkaReader reader(runner.kafka_bootstrap(), "user.events");
  auto record = reader.find([&](auto const& r) {
    return r.key == std::to_string(user.id) && r.headers.count("ce_type") &&
           r.headers.at("ce_type") == "UserProfileUpdated";
  });
  REQUIRE(record);
  CHECK(record->headers.at("ce_source") == "/kfn/users-profile-put");
  CHECK(json::parse(record->value)["display_name"] == "Renamed");
}

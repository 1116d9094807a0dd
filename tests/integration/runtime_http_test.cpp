// The runtime's HTTP behaviour as a plain client sees it: keep-alive, request ids, health, metrics,
// unknown routes, and a clean stop on SIGTERM.
#include <catch2/catch.hpp>

#include "runner_process.h"
#include "test_users.h"

using kfn::test::body_of;
using kfn::test::shared_runner;

TEST_CASE("a plain HTTP/1.1 client's connection is reused across requests") {
  auto client = shared_runner().client();
  for (int i = 0; i < 5; ++i) {
    auto response = client->request("GET", "/health");
    REQUIRE(response.status == 200);
    CHECK(response.header("Connection").value_or("") != "Close");
    CHECK(response.header("Connection").value_or("") != "close");
  }
  CHECK(client->connections_opened() == 1);
}

TEST_CASE("health answers with the runner's service name; probes answer") {
  auto client = shared_runner().client();
  auto health = client->request("GET", "/health");
  REQUIRE(health.status == 200);
  CHECK(body_of(health) == nlohmann::json{{"status", "healthy"}, {"service", "kfn-chat"}});
  CHECK(client->request("GET", "/health/liveness").status == 200);
  CHECK(client->request("GET", "/health/readiness").status == 200);
}

TEST_CASE("every response carries X-Request-Id, echoed when the client sent one") {
  auto client = shared_runner().client();
  auto echoed = client->request("GET", "/health", "", {{"X-Request-Id", "req-abc.123"}});
  CHECK(echoed.header("X-Request-Id") == "req-abc.123");
  auto generated = client->request("GET", "/health");
  REQUIRE(generated.header("X-Request-Id"));
  CHECK_FALSE(generated.header("X-Request-Id")->empty());
}

TEST_CASE("an unknown route is 404 with the API error body") {
  auto client = shared_runner().client();
  auto response = client->request("GET", "/no/such/route");
  CHECK(response.status == 404);
  CHECK(body_of(response)["error"]["code"] == "not_found");
}

TEST_CASE("metrics count invocations per function in Prometheus text") {
  auto client = shared_runner().client();
  kfn::test::register_and_login(*client, "met");
  auto metrics = client->request("GET", "/metrics");
  REQUIRE(metrics.status == 200);
  CHECK(metrics.header("Content-Type").value_or("").find("text/plain") == 0);
  CHECK(metrics.body.find("kfn_invocations_total{function=\"users-register\"}") != std::string::npos);
  CHECK(metrics.body.find("kfn_invocation_duration_seconds_bucket{function=\"users-login-json\"") != std::string::npos);
}

TEST_CASE("SIGTERM stops the runner cleanly with exit status 0") {
  kfn::test::RunnerProcess runner;
  auto client = runner.client();
  REQUIRE(client->request("GET", "/health").status == 200);
  CHECK(runner.stop() == 0);
}

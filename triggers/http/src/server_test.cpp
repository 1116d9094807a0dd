// The HTTP trigger end to end: a real Server, FunctionHost, test functions and Redis.
#include "kfn/http/server.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "raw_http_client.h"
#include "server_fixture.h"

namespace kfn::http::testing {
namespace {

nlohmann::json json_of(RawResponse const& response) { return nlohmann::json::parse(response.body); }

std::string error_code(RawResponse const& response) { return json_of(response)["error"]["code"]; }

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

TEST_CASE("plain HTTP/1.1 requests without a Connection header share one connection") {
  ServerFixture fixture;
  RawHttpClient client(fixture.port());
  client.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  auto first = client.read_response();
  CHECK(first.status == 200);
  CHECK(lower(first.header("Connection").value_or("")) != "close");
  client.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  CHECK(client.read_response().status == 200);
}

TEST_CASE("starting on a port already in use throws naming the address") {
  ServerFixture fixture;
  auto options = ServerFixture::default_options();
  options.port = fixture.port();
  Server second(fixture.host(), fixture.metrics(), options);
  CHECK_THROWS_WITH(second.start(), Catch::Contains("127.0.0.1:" + std::to_string(fixture.port())));
  CHECK(fixture.request("GET", "/health").status == 200);
}

TEST_CASE("a request that asks to close gets Connection: close") {
  ServerFixture fixture;
  RawHttpClient client(fixture.port());
  client.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  CHECK(lower(client.read_response().header("Connection").value_or("")) == "close");
}

TEST_CASE("HTTP/1.0 keeps the connection only when the client asks") {
  ServerFixture fixture;
  RawHttpClient plain(fixture.port());
  plain.send("GET /health HTTP/1.0\r\n\r\n");
  CHECK(lower(plain.read_response().header("Connection").value_or("")) == "close");
  RawHttpClient keep(fixture.port());
  keep.send("GET /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  CHECK(lower(keep.read_response().header("Connection").value_or("")) == "keep-alive");
  keep.send("GET /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  CHECK(keep.read_response().status == 200);
}

TEST_CASE("a route's path parameters and query reach the function") {
  ServerFixture fixture;
  auto response = fixture.request("GET", "/echo/42?limit=5");
  REQUIRE(response.status == 200);
  auto body = json_of(response);
  CHECK(body["path_params"]["id"] == "42");
  CHECK(body["path"] == "/echo/42");
  CHECK(body["query"] == "limit=5");
  CHECK(body["caller"].is_null());
}

TEST_CASE("a literal route wins over a parameter route on the same path") {
  ServerFixture fixture;
  auto body = json_of(fixture.request("GET", "/echo/search"));
  CHECK(body["path_params"].empty());
}

TEST_CASE("an unknown path is 404 not_found") {
  ServerFixture fixture;
  auto response = fixture.request("GET", "/nowhere");
  CHECK(response.status == 404);
  CHECK(error_code(response) == "not_found");
  CHECK(response.header("Content-Type").value_or("").find("application/json") == 0);
}

TEST_CASE("a known path under another method is 405 with Allow") {
  ServerFixture fixture;
  auto response = fixture.request("DELETE", "/echo/1");
  CHECK(response.status == 405);
  CHECK(error_code(response) == "method_not_allowed");
  CHECK(response.header("Allow") == "GET, PUT");
}

TEST_CASE("a body over the route's limit is 413 and the connection stays usable") {
  ServerFixture fixture;
  RawHttpClient client(fixture.port());
  auto response = client.request("POST", "/echo", {{"Content-Type", "application/json"}},
                                 "\"" + std::string(2048, 'x') + "\"");
  CHECK(response.status == 413);
  CHECK(error_code(response) == "payload_too_large");
  CHECK(client.request("GET", "/health").status == 200);
}

TEST_CASE("a body larger than Pistache's 4 KiB default reaches a route that accepts it") {
  ServerFixture fixture;
  auto body = "\"" + std::string(std::size_t{32} * 1024, 'x') + "\"";
  auto response = fixture.request("PUT", "/echo/1", {{"Content-Type", "application/json"}}, body);
  REQUIRE(response.status == 200);
  CHECK(json_of(response)["body"] == body);
}

TEST_CASE("a response larger than the socket takes at once arrives whole") {
  ServerFixture fixture;
  RawHttpClient client(fixture.port());
  auto body = "\"" + std::string(std::size_t{4} * 1024 * 1024, 'y') + "\"";
  auto response = client.request("PUT", "/echo/1", {{"Content-Type", "application/json"}}, body);
  REQUIRE(response.status == 200);
  CHECK(json_of(response)["body"] == body);
  CHECK(client.request("GET", "/health").status == 200);
}

TEST_CASE("a body of another media type is 415; no body needs no Content-Type") {
  ServerFixture fixture;
  auto wrong = fixture.request("POST", "/echo", {{"Content-Type", "text/plain"}}, "hello");
  CHECK(wrong.status == 415);
  CHECK(error_code(wrong) == "unsupported_media_type");
  CHECK(fixture.request("POST", "/echo").status == 200);
  CHECK(
      fixture.request("POST", "/echo", {{"Content-Type", "application/json; charset=utf-8"}}, "{}").status ==
      200);
  CHECK(fixture.request("PUT", "/echo/1", {{"Content-Type", "application/x-www-form-urlencoded"}}, "a=b")
            .status == 200);
}

TEST_CASE("a sane client request id is echoed and passed to the function") {
  ServerFixture fixture;
  auto response = fixture.request("GET", "/echo/1", {{"X-Request-Id", "client-id_1.2"}});
  CHECK(response.header("X-Request-Id") == "client-id_1.2");
  CHECK(json_of(response)["request_id"] == "client-id_1.2");
}

TEST_CASE("an unsafe client request id is replaced, and errors carry one too") {
  ServerFixture fixture;
  auto response = fixture.request("GET", "/echo/1", {{"X-Request-Id", "has spaces{}"}});
  auto id = response.header("X-Request-Id").value_or("");
  CHECK_FALSE(id.empty());
  CHECK(id != "has spaces{}");
  CHECK(json_of(response)["request_id"] == id);
  CHECK(fixture.request("GET", "/nowhere").header("X-Request-Id").has_value());
}

TEST_CASE("the request's traceparent is passed on, and one is made when absent") {
  ServerFixture fixture;
  std::string traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  CHECK(json_of(fixture.request("GET", "/echo/1", {{"traceparent", traceparent}}))["traceparent"] ==
        traceparent);
  std::string made = json_of(fixture.request("GET", "/echo/1"))["traceparent"];
  CHECK(made.size() == 55);
  CHECK(made.substr(0, 3) == "00-");
}

TEST_CASE("a CORS preflight from an allowed origin gets 204 with the CORS headers") {
  ServerFixture fixture;
  auto response = fixture.request(
      "OPTIONS", "/echo/1", {{"Origin", "https://app.example"}, {"Access-Control-Request-Method", "PUT"}});
  CHECK(response.status == 204);
  CHECK(response.header("Access-Control-Allow-Origin") == "https://app.example");
  CHECK(response.header("Access-Control-Allow-Methods") == "GET, PUT");
  CHECK(response.header("Access-Control-Allow-Headers").has_value());
  CHECK(response.header("Access-Control-Max-Age").has_value());
}

TEST_CASE("responses carry Access-Control-Allow-Origin only for allowed origins") {
  ServerFixture fixture;
  auto allowed = fixture.request("GET", "/echo/1", {{"Origin", "https://app.example"}});
  CHECK(allowed.header("Access-Control-Allow-Origin") == "https://app.example");
  CHECK(allowed.header("Vary") == "Origin");
  auto other = fixture.request("GET", "/echo/1", {{"Origin", "https://evil.example"}});
  CHECK_FALSE(other.header("Access-Control-Allow-Origin"));
}

TEST_CASE("repeated response headers from a function are all sent") {
  ServerFixture fixture;
  auto response = fixture.request("GET", "/echo/1?cookies=1");
  CHECK(response.all("Set-Cookie") == std::vector<std::string>{"a=1", "b=2"});
}

TEST_CASE("health, liveness and readiness answer in the documented shapes") {
  ServerFixture fixture;
  auto health = json_of(fixture.request("GET", "/health"));
  CHECK(health == nlohmann::json{{"status", "healthy"}, {"service", "http-test"}});
  CHECK(json_of(fixture.request("GET", "/health/liveness")) == nlohmann::json{{"status", "alive"}});
  auto readiness = fixture.request("GET", "/health/readiness");
  CHECK(readiness.status == 200);
  CHECK(json_of(readiness) == nlohmann::json{{"status", "ready"}});
  CHECK(fixture.request("POST", "/health").status == 405);
}

TEST_CASE("metrics are Prometheus text with HTTP series and extra sources") {
  ServerFixture fixture;
  fixture.server().add_metrics_source([] { return std::string("kfn_test_extra_series 7\n"); });
  REQUIRE(fixture.request("GET", "/echo/1").status == 200);
  auto response = fixture.request("GET", "/metrics");
  CHECK(response.status == 200);
  CHECK(response.header("Content-Type").value_or("").find("text/plain; version=0.0.4") == 0);
  CHECK_THAT(response.body,
             Catch::Contains(R"(kfn_http_requests_total{function="echo-by-id",code_class="2xx"} 1)"));
  CHECK_THAT(response.body, Catch::Contains("kfn_test_extra_series 7"));
}

TEST_CASE("a throwing function gives 500 and the next request still works") {
  ServerFixture fixture;
  RawHttpClient client(fixture.port());
  auto failed = client.request("GET", "/throwing");
  CHECK(failed.status == 500);
  CHECK(error_code(failed) == "internal_error");
  CHECK(failed.body.find("on purpose") == std::string::npos);
  CHECK(client.request("GET", "/echo/1").status == 200);
}

TEST_CASE("stop lets a request in flight finish, then stops listening") {
  ServerFixture fixture;
  Gate gate(fixture.services().redis());
  RawHttpClient in_flight(fixture.port());
  in_flight.send("GET " + gate.target() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  gate.wait_started();

  auto port = fixture.port();
  auto stopping = std::async(std::launch::async, [&] { fixture.server().stop(); });
  // Readiness fails once draining has begun; only then is the request let go.
  while (fixture.request("GET", "/health/readiness").status != 503) std::this_thread::yield();
  gate.release();

  auto response = in_flight.read_response();
  CHECK(response.status == 200);
  CHECK(lower(response.header("Connection").value_or("")) == "close");
  stopping.get();
  CHECK_FALSE(can_connect(port));
}

TEST_CASE("when every worker is busy and the queue is full, requests get 503 with Retry-After") {
  auto options = ServerFixture::default_options();
  options.worker_threads = 1;
  options.queue_capacity = 1;
  ServerFixture fixture(options);
  Gate running(fixture.services().redis());
  RawHttpClient first(fixture.port());
  first.send("GET " + running.target() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  running.wait_started();

  // One of these two waits in the queue, the other finds it full; which one depends on the reactors.
  Gate queued(fixture.services().redis());
  RawHttpClient second(fixture.port());
  RawHttpClient third(fixture.port());
  second.send("GET " + queued.target() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  third.send("GET " + queued.target() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  // The refused one is answered at once, and it was refused because the other already waited.
  first_readable({&second, &third});
  running.release();
  queued.release();

  CHECK(first.read_response().status == 200);
  auto a = second.read_response();
  auto b = third.read_response();
  auto const& rejected = a.status == 503 ? a : b;
  CHECK(std::min(a.status, b.status) == 200);
  CHECK(std::max(a.status, b.status) == 503);
  CHECK(error_code(rejected) == "unavailable");
  CHECK(rejected.header("Retry-After") == "1");
}

}  // namespace kfn::http::testing

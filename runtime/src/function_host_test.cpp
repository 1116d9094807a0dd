#include "kfn/host/function_host.h"

#include <catch2/catch.hpp>

#include "fake_services.h"
#include "kfn/host/loader.h"
#include "kfn/host/process_log.h"
#include "stderr_capture.h"

using kfn::host::FunctionHost;
using kfn::host::FunctionManifest;
using kfn::host::Invocation;

namespace {

FunctionManifest http_manifest(std::string const& name, std::string const& library) {
  FunctionManifest manifest;
  manifest.name = name;
  manifest.library = library;
  manifest.http = kfn::host::HttpRoute{"GET", "/" + name};
  manifest.file = name + ".yaml";
  return manifest;
}

FunctionManifest event_manifest(std::string const& name, std::string const& library) {
  FunctionManifest manifest;
  manifest.name = name;
  manifest.library = library;
  manifest.kafka = kfn::host::KafkaTrigger{};
  manifest.kafka->topics = {"user.events"};
  manifest.file = name + ".yaml";
  return manifest;
}

kfn::host::Catalogue test_catalogue() {
  kfn::host::Catalogue catalogue;
  catalogue.contexts.push_back({"users", "users_schema", "/tmp"});
  auto echo = http_manifest("echo", "echo");
  echo.env = {{"GREETING", "hello from the manifest"}};
  catalogue.functions.push_back(echo);
  auto echo_db = http_manifest("echo-db", "echo");
  echo_db.context = "users";
  catalogue.functions.push_back(echo_db);
  catalogue.functions.push_back(http_manifest("throws", "throws"));
  catalogue.functions.push_back(http_manifest("unavailable", "unavailable"));
  catalogue.functions.push_back(event_manifest("sink", "event_sink"));
  return catalogue;
}

kfn::host::JwtSettings jwt_settings() {
  kfn::host::JwtSettings jwt;
  jwt.secret = "0123456789abcdef0123456789abcdef";
  return jwt;
}

// One host over the test libraries, with its own registry and fake services.
struct Fixture {
  kfn::host::testing::FakeServices services;
  kfn::host::MetricsRegistry metrics;
  FunctionHost host{
      test_catalogue(), KFN_TEST_LIBRARY_DIR, services, metrics, kfn::host::make_process_logger(),
      jwt_settings()};

  kfn::HttpResponse get(std::string const& function, std::string const& query = {}) {
    kfn::HttpRequest request;
    request.method = "GET";
    request.path = "/" + function;
    request.query = query;
    return host.invoke_http(function, request, Invocation{nullptr, {}, "req-1", {}});
  }
  kfn::EventResult deliver(std::string const& type) {
    kfn::CloudEvent event;
    event.type = type;
    return host.invoke_event("sink", event, Invocation{nullptr, {}, "evt-1", {}});
  }
  bool rendered(std::string const& line) const {
    return metrics.render().find(line + "\n") != std::string::npos;
  }
};

nlohmann::json body_of(kfn::HttpResponse const& response) { return nlohmann::json::parse(response.body); }

}  // namespace

TEST_CASE("an HTTP function receives the request, its config and the invocation's ids", "[function_host]") {
  Fixture f;
  kfn::HttpRequest request;
  request.method = "POST";
  request.path = "/rooms/7";
  request.body = "{}";
  request.path_params = {{"room_id", "7"}};
  kfn::Identity const caller{42, "jti-1", 0};
  auto const response = f.host.invoke_http("echo", request, Invocation{&caller, {}, "req-9", "00-abc"});
  REQUIRE(response.status == 200);
  auto const body = body_of(response);
  CHECK(body["method"] == "POST");
  CHECK(body["path_params"]["room_id"] == "7");
  CHECK(body["caller"] == 42);
  CHECK(body["request_id"] == "req-9");
  CHECK(body["traceparent"] == "00-abc");
  CHECK(body["greeting"] == "hello from the manifest");
  CHECK(f.rendered("kfn_fn_echoes{function=\"echo\"} 1"));
}

TEST_CASE("a throwing function yields a 500 with the API error body and the host keeps serving",
          "[function_host]") {
  Fixture f;
  auto const first = f.get("throws");
  CHECK(first.status == 500);
  CHECK(first.headers.get("Content-Type") == "application/json; charset=utf-8");
  CHECK(body_of(first) ==
        nlohmann::json{{"error", {{"code", "internal_error"}, {"message", "internal error"}}}});
  CHECK(first.body.find("4711") == std::string::npos);  // no exception text reaches the client
  CHECK(f.get("echo").status == 200);
  CHECK(f.get("throws").status == 500);
  CHECK(f.rendered("kfn_invocations_total{function=\"throws\"} 2"));
  CHECK(f.rendered("kfn_invocation_errors_total{function=\"throws\"} 2"));
  CHECK(f.rendered("kfn_invocation_duration_seconds_count{function=\"throws\"} 2"));
  CHECK(f.rendered("kfn_invocation_errors_total{function=\"echo\"} 0"));
}

TEST_CASE("a throwing function writes one JSON log line with function, request id and error",
          "[function_host]") {
  Fixture f;
  std::vector<std::string> lines;
  {
    kfn::host::testing::StderrCapture const capture;
    f.get("throws");
    lines = capture.lines();
  }
  REQUIRE(lines.size() == 1);
  auto const line = nlohmann::json::parse(lines[0]);
  CHECK(line["level"] == "error");
  CHECK(line["function"] == "throws");
  CHECK(line["request_id"] == "req-1");
  CHECK(line["error"] == "boom: internal detail 4711");
}

TEST_CASE("an Unavailable function yields 503 unavailable with Retry-After", "[function_host]") {
  Fixture f;
  auto const response = f.get("unavailable");
  CHECK(response.status == 503);
  CHECK(response.headers.get("Retry-After") == "7");
  CHECK(body_of(response)["error"]["code"] == "unavailable");
  CHECK(f.rendered("kfn_invocation_errors_total{function=\"unavailable\"} 1"));
}

TEST_CASE("an unknown function or one of the other kind is a 404 or a permanent failure", "[function_host]") {
  Fixture f;
  auto const response = f.get("nope");
  CHECK(response.status == 404);
  CHECK(body_of(response)["error"]["code"] == "not_found");
  CHECK(f.get("sink").status == 404);
  kfn::CloudEvent const event;
  CHECK(f.host.invoke_event("nope", event, Invocation{}).outcome == kfn::Outcome::kPermanent);
  CHECK(f.host.invoke_event("echo", event, Invocation{}).outcome == kfn::Outcome::kPermanent);
}

TEST_CASE("an event function's outcomes pass through and exceptions become retries", "[function_host]") {
  Fixture f;
  CHECK(f.deliver("ok").outcome == kfn::Outcome::kDone);
  CHECK(f.deliver("retry").outcome == kfn::Outcome::kRetry);
  CHECK(f.deliver("permanent").outcome == kfn::Outcome::kPermanent);
  auto const thrown = f.deliver("throw");
  CHECK(thrown.outcome == kfn::Outcome::kRetry);
  CHECK(thrown.reason.find("event handler failed") != std::string::npos);
  CHECK(f.deliver("unavailable").outcome == kfn::Outcome::kRetry);
  CHECK(f.rendered("kfn_invocations_total{function=\"sink\"} 5"));
  CHECK(f.rendered("kfn_invocation_errors_total{function=\"sink\"} 4"));
  CHECK(f.rendered("kfn_fn_events{function=\"sink\"} 5"));
}

TEST_CASE("db() without a context is a 500, with one it reaches the context's schema", "[function_host]") {
  Fixture f;
  CHECK(f.services.schemas == std::vector<std::string>{"users_schema"});
  CHECK(f.get("echo", "use_db=1").status == 500);
  CHECK(f.get("echo-db", "use_db=1").status == 200);
}

TEST_CASE("the host exposes its JWT settings and every loaded function", "[function_host]") {
  Fixture f;
  CHECK(f.host.jwt().secret == jwt_settings().secret);
  CHECK(f.host.functions().size() == 5);
}

TEST_CASE("a library without the handler its trigger needs is a LoadError naming the file",
          "[function_host]") {
  kfn::host::testing::FakeServices services;
  kfn::host::MetricsRegistry metrics;
  kfn::host::Catalogue catalogue;
  catalogue.functions.push_back(event_manifest("wrong-kind", "echo"));
  try {
    FunctionHost const host(catalogue, KFN_TEST_LIBRARY_DIR, services, metrics,
                            kfn::host::make_process_logger(), jwt_settings());
    FAIL("expected a LoadError");
  } catch (kfn::host::LoadError const& e) {
    std::string const what = e.what();
    CHECK(what.find("libecho.so") != std::string::npos);
    CHECK(what.find("wrong-kind.yaml") != std::string::npos);
    CHECK(what.find("no event handler") != std::string::npos);
  }
}

TEST_CASE("a host for one function loads only that one", "[function_host]") {
  kfn::host::testing::FakeServices services;
  kfn::host::MetricsRegistry metrics;
  FunctionHost const host(test_catalogue(), KFN_TEST_LIBRARY_DIR, services, metrics,
                          kfn::host::make_process_logger(), jwt_settings(), "echo");
  REQUIRE(host.functions().size() == 1);
  CHECK(host.functions()[0]->name == "echo");
  CHECK_THROWS_AS(FunctionHost(test_catalogue(), KFN_TEST_LIBRARY_DIR, services, metrics,
                               kfn::host::make_process_logger(), jwt_settings(), "missing"),
                  kfn::host::LoadError);
}

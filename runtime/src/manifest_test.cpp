#include "kfn/host/manifest.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>

namespace fs = std::filesystem;
using kfn::host::ManifestError;
using kfn::host::parse_function_manifest;

namespace {

// Runs `parse` and returns the ManifestError it throws; fails the test when it does not throw.
template <typename Parse>
ManifestError error_of(Parse parse) {
  try {
    parse();
  } catch (ManifestError const& e) {
    return e;
  }
  FAIL("expected a ManifestError");
  throw std::logic_error("unreachable");
}

ManifestError function_error(std::string const& yaml) {
  return error_of([&] { parse_function_manifest(yaml, "fn.yaml"); });
}

// A manifests folder in a fresh temporary directory, removed afterwards.
class ManifestDir {
 public:
  ManifestDir()
      : root_(fs::temp_directory_path() / ("kfn-manifest-test-" + std::to_string(std::random_device{}()))) {
    fs::create_directories(root_ / "manifests" / "functions");
    write("app.yaml",
          "service_name: chat\n"
          "contexts:\n"
          "  users:\n"
          "    schema: users_db\n"
          "    migrations: ../migrations/users\n");
    write("topics.yaml", "topics:\n  - name: user.events\n    partitions: 3\n    retention: 1h\n");
  }
  ~ManifestDir() { fs::remove_all(root_); }
  ManifestDir(ManifestDir const&) = delete;
  ManifestDir& operator=(ManifestDir const&) = delete;

  void write(std::string const& relative, std::string const& text) const {
    std::ofstream(dir() / relative) << text;
  }
  [[nodiscard]] fs::path dir() const { return root_ / "manifests"; }
  [[nodiscard]] fs::path root() const { return root_; }

 private:
  fs::path root_;
};

std::string http_function(std::string const& name, std::string const& method, std::string const& path) {
  return "name: " + name + "\nlibrary: lib_" + std::to_string(name.size()) +
         "\ntrigger:\n  http:\n    method: " + method + "\n    path: " + path + "\n";
}

}  // namespace

TEST_CASE("an HTTP manifest with every key reads into values", "[manifest]") {
  auto const m = parse_function_manifest(R"(
name: users-register
library: users_register
context: users
trigger:
  http:
    method: POST
    path: /auth/register
    auth: none
    body_limit: 16KiB
    timeout: 500ms
    content_types: [application/json, application/x-www-form-urlencoded]
scale: {min: 1, max: 4, concurrency: 50, cpu: 200m, memory: 128Mi}
env:
  GREETING: hello
  MAX_ITEMS: 12
)",
                                         "users-register.yaml");
  CHECK(m.name == "users-register");
  CHECK(m.library == "users_register");
  CHECK(m.context == "users");
  CHECK(m.file == "users-register.yaml");
  REQUIRE(m.http);
  CHECK_FALSE(m.kafka);
  CHECK(m.http->method == "POST");
  CHECK(m.http->path == "/auth/register");
  CHECK_FALSE(m.http->auth_required);
  CHECK(m.http->body_limit == 16 * 1024);
  CHECK(m.http->timeout == std::chrono::milliseconds(500));
  CHECK(m.http->content_types ==
        std::vector<std::string>{"application/json", "application/x-www-form-urlencoded"});
  CHECK(m.scale.min_scale == 1);
  CHECK(m.scale.max_scale == 4);
  CHECK(m.scale.container_concurrency == 50);
  CHECK(m.scale.cpu_request == "200m");
  CHECK(m.scale.memory_request == "128Mi");
  CHECK(m.env == std::map<std::string, std::string>{{"GREETING", "hello"}, {"MAX_ITEMS", "12"}});
}

TEST_CASE("an HTTP manifest without optional keys gets the documented defaults", "[manifest]") {
  auto const m = parse_function_manifest(http_function("hello", "GET", "/messages/{room_id}"), "hello.yaml");
  REQUIRE(m.http);
  CHECK(m.http->auth_required);
  CHECK(m.http->body_limit == 64 * 1024);
  CHECK(m.http->timeout == std::chrono::seconds(10));
  CHECK(m.http->content_types == std::vector<std::string>{"application/json"});
  CHECK(m.context.empty());
  CHECK(m.scale.max_scale == 10);
  CHECK(m.env.empty());
}

TEST_CASE("a Kafka manifest reads topics, retry policy and defaults", "[manifest]") {
  auto const m = parse_function_manifest(R"(
name: notify-push
library: notify_push
trigger:
  kafka:
    topics: [user.events, message.events]
    concurrency: 8
    initial_offset: latest
    retry: {attempts: 3, initial_backoff: 1s, max_backoff: 1m, multiplier: 1.5}
)",
                                         "notify-push.yaml");
  REQUIRE(m.kafka);
  CHECK(m.kafka->topics == std::vector<std::string>{"user.events", "message.events"});
  CHECK(m.kafka->group == "notify-push");
  CHECK(m.kafka->dead_letter_topic == "notify-push.dlq");
  CHECK(m.kafka->concurrency == 8);
  CHECK(m.kafka->initial_offset == "latest");
  CHECK(m.kafka->max_in_flight_per_partition == 1000);
  CHECK(m.kafka->retry.attempts == 3);
  CHECK(m.kafka->retry.initial_backoff == std::chrono::seconds(1));
  CHECK(m.kafka->retry.max_backoff == std::chrono::minutes(1));
  CHECK(m.kafka->retry.multiplier == 1.5);
  CHECK(m.kafka->event_types.empty());
  CHECK(m.kafka->handles_type("AnythingAtAll"));
}

TEST_CASE("a Kafka manifest's event_types limit the CloudEvent types the function handles", "[manifest]") {
  auto const m = parse_function_manifest(R"(
name: notify-webhook
library: notify_webhook
trigger:
  kafka:
    topics: [notification.events]
    event_types: [NotificationCreated, NotificationRead]
)",
                                         "notify-webhook.yaml");
  REQUIRE(m.kafka);
  CHECK(m.kafka->event_types == std::vector<std::string>{"NotificationCreated", "NotificationRead"});
  CHECK(m.kafka->handles_type("NotificationCreated"));
  CHECK(m.kafka->handles_type("NotificationRead"));
  CHECK_FALSE(m.kafka->handles_type("EventDelivery"));
  CHECK_FALSE(m.kafka->handles_type("notificationcreated"));  // CloudEvent types are case-sensitive
  CHECK_FALSE(m.kafka->handles_type(""));
}

TEST_CASE("manifest errors name the file, the 1-based line and the dotted field", "[manifest]") {
  auto const e = function_error("name: a\nlibrary: a\ntrigger:\n  http:\n    method: GET\n    path: /x/\n");
  CHECK(e.file() == "fn.yaml");
  CHECK(e.line() == 6);
  CHECK(e.field() == "trigger.http.path");
  CHECK(std::string(e.what()).rfind("fn.yaml:6: trigger.http.path: ", 0) == 0);
}

TEST_CASE("each kind of broken function manifest is refused at its field", "[manifest]") {
  struct Case {
    std::string yaml;
    int line;
    std::string field;
  };
  std::string const head = "name: a\nlibrary: a\ntrigger:\n";
  auto const c = GENERATE_COPY(values<Case>({
      {"name: a\nlibrary: a\ntrigger:\n  http: {method: GET, path: /x}\ncolour: red\n", 5, "colour"},
      {head + "  http:\n    method: GET\n    path: /x\n    bogus: 1\n", 7, "trigger.http.bogus"},
      {"name: Bad_Name\nlibrary: a\ntrigger:\n  http: {method: GET, path: /x}\n", 1, "name"},
      {"library: a\ntrigger:\n  http: {method: GET, path: /x}\n", 1, "name"},
      {"name: a\nlibrary: lib-a\ntrigger:\n  http: {method: GET, path: /x}\n", 2, "library"},
      {"name: a\nlibrary: a\n", 1, "trigger"},
      {head + "  http: {method: GET, path: /x}\n  kafka: {topics: [t]}\n", 4, "trigger"},
      {head + "  http:\n    method: FETCH\n    path: /x\n", 5, "trigger.http.method"},
      {head + "  http:\n    method: GET\n    path: /a/{Room}\n", 6, "trigger.http.path"},
      {head + "  http:\n    method: GET\n    path: /a/{id}/{id}\n", 6, "trigger.http.path"},
      {head + "  http:\n    method: GET\n    path: /A\n", 6, "trigger.http.path"},
      {head + "  http:\n    method: GET\n    path: /x\n    auth: maybe\n", 7, "trigger.http.auth"},
      {head + "  http:\n    method: GET\n    path: /x\n    body_limit: 17MiB\n", 7,
       "trigger.http.body_limit"},
      {head + "  http:\n    method: GET\n    path: /x\n    body_limit: 3 parsecs\n", 7,
       "trigger.http.body_limit"},
      {head + "  http:\n    method: GET\n    path: /x\n    timeout: 5\n", 7, "trigger.http.timeout"},
      {head + "  kafka:\n    topics: []\n", 5, "trigger.kafka.topics"},
      {head + "  kafka:\n    topics: [t]\n    concurrency: 0\n", 6, "trigger.kafka.concurrency"},
      {head + "  kafka:\n    topics: [t]\n    initial_offset: middle\n", 6, "trigger.kafka.initial_offset"},
      {head + "  kafka:\n    topics: [t]\n    retry:\n      attempts: 101\n", 7,
       "trigger.kafka.retry.attempts"},
      {head + "  kafka:\n    topics: [t]\n    retry:\n      multiplier: 0.5\n", 7,
       "trigger.kafka.retry.multiplier"},
      {head + "  kafka:\n    topics: [t]\n  http: {method: GET, path: /x}\n", 4, "trigger"},
      {head + "  kafka:\n    topics: [t]\n    event_types: []\n", 6, "trigger.kafka.event_types"},
      {head + "  kafka:\n    topics: [t]\n    event_types: [A, \"\"]\n", 6, "trigger.kafka.event_types[1]"},
      {head + "  kafka:\n    topics: [t]\n    event_types: A\n", 6, "trigger.kafka.event_types"},
      {head + "  http: {method: GET, path: /x}\nscale:\n  min: 3\n  max: 2\n", 7, "scale.max"},
      {head + "  http: {method: GET, path: /x}\nenv:\n  lower: x\n", 6, "env.lower"},
      {head + "  http: {method: GET, path: /x}\nenv:\n  KEY: [1]\n", 6, "env.KEY"},
  }));
  auto const e = function_error(c.yaml);
  INFO(e.what());
  CHECK(e.line() == c.line);
  CHECK(e.field() == c.field);
}

TEST_CASE("malformed YAML is a ManifestError with the parser's line", "[manifest]") {
  auto const e = function_error("name: a\nlibrary: a\ntrigger: [unclosed\n\n");
  CHECK(e.file() == "fn.yaml");
  CHECK(e.line() >= 3);
  CHECK(e.field() == "yaml");
}

TEST_CASE("a repeated key is refused", "[manifest]") {
  auto const e = function_error("name: a\nname: b\nlibrary: a\ntrigger:\n  http: {method: GET, path: /x}\n");
  CHECK(e.line() == 2);
  CHECK(e.field() == "name");
}

TEST_CASE("load_catalogue reads app, topics and functions with absolute migrations", "[manifest]") {
  ManifestDir const dir;
  dir.write("functions/hello.yaml", http_function("hello", "GET", "/hello/{name}") + "context: users\n");
  dir.write("functions/tail.yaml",
            "name: tail\nlibrary: tail\ntrigger:\n  kafka:\n    topics: [user.events]\n");
  auto const catalogue = kfn::host::load_catalogue(dir.dir());
  CHECK(catalogue.app.service_name == "chat");
  CHECK(catalogue.app.jwt_issuer == "kfn");
  REQUIRE(catalogue.context("users"));
  CHECK(catalogue.context("users")->schema == "users_db");
  CHECK(catalogue.context("users")->migrations == fs::weakly_canonical(dir.root() / "migrations" / "users"));
  CHECK(catalogue.context("users")->migrations.is_absolute());
  REQUIRE(catalogue.topic("user.events"));
  CHECK(catalogue.topic("user.events")->partitions == 3);
  CHECK(catalogue.topic("user.events")->retention == std::chrono::hours(1));
  CHECK(catalogue.functions.size() == 2);
  CHECK(catalogue.function("hello"));
  CHECK(catalogue.function("tail"));
  CHECK_FALSE(catalogue.function("missing"));
}

TEST_CASE("routes that differ only in parameter names are duplicates", "[manifest]") {
  ManifestDir const dir;
  dir.write("functions/a.yaml", http_function("a", "GET", "/rooms/{room_id}"));
  dir.write("functions/b.yaml", http_function("b", "GET", "/rooms/{id}"));
  auto const e = error_of([&] { kfn::host::load_catalogue(dir.dir()); });
  CHECK(e.file() == (dir.dir() / "functions" / "b.yaml").string());
  CHECK(e.line() == 6);
  CHECK(e.field() == "trigger.http.path");
}

TEST_CASE("same path with another method or a literal segment is not a duplicate", "[manifest]") {
  ManifestDir const dir;
  dir.write("functions/a.yaml", http_function("a", "GET", "/users/{id}"));
  dir.write("functions/b.yaml", http_function("b", "GET", "/users/search"));
  dir.write("functions/c.yaml", http_function("c", "PUT", "/users/{user_id}"));
  CHECK(kfn::host::load_catalogue(dir.dir()).functions.size() == 3);
}

TEST_CASE("cross-file mistakes are refused at the field that makes them", "[manifest]") {
  ManifestDir const dir;
  SECTION("unknown topic") {
    dir.write("functions/t.yaml",
              "name: t\nlibrary: t\ntrigger:\n  kafka:\n    topics:\n      - user.events\n"
              "      - nope\n");
    auto const e = error_of([&] { kfn::host::load_catalogue(dir.dir()); });
    CHECK(e.line() == 7);
    CHECK(e.field() == "trigger.kafka.topics[1]");
  }
  SECTION("unknown context") {
    dir.write("functions/a.yaml", http_function("a", "GET", "/a") + "context: billing\n");
    auto const e = error_of([&] { kfn::host::load_catalogue(dir.dir()); });
    CHECK(e.line() == 7);
    CHECK(e.field() == "context");
  }
  SECTION("name differs from the file stem") {
    dir.write("functions/a.yaml", http_function("b", "GET", "/a"));
    auto const e = error_of([&] { kfn::host::load_catalogue(dir.dir()); });
    CHECK(e.line() == 1);
    CHECK(e.field() == "name");
  }
  SECTION("unknown key in app.yaml") {
    dir.write("app.yaml", "service_name: x\nauth:\n  issuer: a\n  algorithm: none\n");
    auto const e = error_of([&] { kfn::host::load_catalogue(dir.dir()); });
    CHECK(e.file() == (dir.dir() / "app.yaml").string());
    CHECK(e.line() == 4);
    CHECK(e.field() == "auth.algorithm");
  }
  SECTION("duplicate topic") {
    dir.write("topics.yaml", "topics:\n  - name: a\n  - name: a\n");
    auto const e = error_of([&] { kfn::host::load_catalogue(dir.dir()); });
    CHECK(e.line() == 3);
    CHECK(e.field() == "topics[1].name");
  }
  SECTION("topic with no partitions") {
    dir.write("topics.yaml", "topics:\n  - name: a\n    partitions: 0\n");
    auto const e = error_of([&] { kfn::host::load_catalogue(dir.dir()); });
    CHECK(e.line() == 3);
    CHECK(e.field() == "topics[0].partitions");
  }
}

TEST_CASE("an sse edge has no library, takes its defaults and never scales to zero") {
  auto const manifest = parse_function_manifest(
      "name: edge-events\n"
      "trigger:\n"
      "  sse:\n"
      "    ticket_ttl: 10s\n"
      "    max_queue: 512KiB\n",
      "edge-events.yaml");
  REQUIRE(manifest.sse);
  CHECK(manifest.library.empty());
  CHECK(manifest.sse->path == "/events");
  CHECK(manifest.sse->ticket_path == "/events/ticket");
  CHECK(manifest.sse->topic == "notification.events");
  CHECK(manifest.sse->ticket_ttl == std::chrono::seconds(10));
  CHECK(manifest.sse->max_queue_bytes == 512 * 1024);
  CHECK(manifest.sse->max_streams_per_user == 10);
  CHECK(manifest.scale.min_scale == 1);
}

TEST_CASE("an sse edge with a library, min scale 0 or two triggers is refused") {
  CHECK(function_error("name: e\nlibrary: e\ntrigger:\n  sse: {}\n").field() == "library");
  CHECK(function_error("name: e\ntrigger:\n  sse: {}\nscale:\n  min: 0\n").field() == "scale.min");
  CHECK(
      function_error("name: e\nlibrary: e\ntrigger:\n  sse: {}\n  http: {method: GET, path: /x}\n").field() ==
      "trigger");
}

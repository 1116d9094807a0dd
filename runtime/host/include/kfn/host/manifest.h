// The manifests: one YAML file per function, the topic catalogue and app settings, parsed and
// validated into plain values. Errors name the file, line and field.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kfn::host {

class ManifestError : public std::runtime_error {
 public:
  // what() reads "<file>:<line>: <field>: <message>".
  ManifestError(std::string file, int line, std::string field, std::string const& message);
  [[nodiscard]] std::string const& file() const { return file_; }
  [[nodiscard]] int line() const { return line_; }
  [[nodiscard]] std::string const& field() const { return field_; }

 private:
  std::string file_;
  int line_;
  std::string field_;
};

struct HttpRoute {
  std::string method;  // GET, POST, PUT, PATCH, DELETE
  std::string path;    // template: literal segments and {name} segments, e.g. /messages/{room_id}
  bool auth_required = true;
  std::size_t body_limit = std::size_t{64} * 1024;
  std::chrono::milliseconds timeout{10'000};
  // Accepted request media types when a body is present.
  std::vector<std::string> content_types{"application/json"};
};

struct RetryPolicy {
  int attempts = 5;  // total attempts, including the first
  std::chrono::milliseconds initial_backoff{200};
  std::chrono::milliseconds max_backoff{30'000};
  double multiplier = 2.0;
};

struct KafkaTrigger {
  std::vector<std::string> topics;
  std::string group;  // defaults to the function's name
  int concurrency = 16;
  RetryPolicy retry;
  std::string dead_letter_topic;            // defaults to <function>.dlq
  std::string initial_offset = "earliest";  // earliest | latest
  int max_in_flight_per_partition = 1000;
  // The CloudEvent types the function handles; empty: every type. A record of another type is
  // acknowledged without running the function, so a consumer of a busy shared topic that wants one
  // event of it costs a header read per record, not an invocation.
  std::vector<std::string> event_types;

  [[nodiscard]] bool handles_type(std::string_view type) const;
};

// A server-sent-events edge (trigger `sse`): streams the per-recipient deliveries of `topic` to the
// recipients' open GET `path` streams. Served by triggers/sse, not by a function library.
struct SseTrigger {
  std::string path = "/events";                       // GET: the event stream
  std::string ticket_path = "/events/ticket";         // POST: a single-use ticket for EventSource clients
  std::string topic = "notification.events";          // EventDelivery records keyed by recipient
  std::string presence_topic = "user.online_status";  // UserOnlineStatusChanged on transitions
  std::chrono::milliseconds heartbeat{15'000};        // ": ping" interval; also refreshes presence
  std::chrono::milliseconds retry{3'000};             // the "retry:" a stream opens and ends with
  std::chrono::milliseconds ticket_ttl{30'000};
  int max_streams_per_user = 10;                           // the next one closes the user's oldest
  std::size_t max_queue_bytes = std::size_t{1024} * 1024;  // unsent bytes past which a stream is closed
  int history_events = 1000;                               // per-user history kept for resuming
  std::chrono::milliseconds history_ttl{86'400'000};
};

struct Scale {
  int min_scale = 0;
  int max_scale = 10;
  int container_concurrency = 0;  // 0: unlimited
  std::string cpu_request = "100m";
  std::string memory_request = "64Mi";
};

struct FunctionManifest {
  std::string name;     // unique, [a-z0-9-]
  std::string library;  // shared library stem: lib<library>.so; empty for an sse edge
  std::string context;  // bounded context whose schema the function uses; empty: no database
  std::optional<HttpRoute> http;
  std::optional<KafkaTrigger> kafka;
  std::optional<SseTrigger> sse;
  Scale scale;
  std::map<std::string, std::string> env;
  std::string file;  // where it was read from
};

struct TopicSpec {
  std::string name;
  int partitions = 1;
  int replication_factor = 1;
  std::optional<std::chrono::milliseconds> retention;
  std::string key;  // what the key is, e.g. user_id (documentation)
};

struct ContextSpec {
  std::string name;
  std::string schema;
  std::filesystem::path migrations;  // absolute after loading
};

struct AppSettings {
  std::string service_name = "kfn";
  std::vector<std::string> cors_origins;  // "*" allows any origin
  std::string jwt_issuer = "kfn";
  std::string jwt_audience = "kfn-chat";
  std::chrono::seconds access_token_ttl{900};
};

struct Catalogue {
  AppSettings app;
  std::vector<ContextSpec> contexts;
  std::vector<TopicSpec> topics;
  std::vector<FunctionManifest> functions;

  [[nodiscard]] TopicSpec const* topic(std::string const& name) const;
  [[nodiscard]] ContextSpec const* context(std::string const& name) const;
  [[nodiscard]] FunctionManifest const* function(std::string const& name) const;
};

// Reads <dir>/app.yaml, <dir>/topics.yaml and every <dir>/functions/*.yaml, and checks them against
// each other: duplicate names or routes, unknown topics or contexts. Throws ManifestError.
Catalogue load_catalogue(std::filesystem::path const& dir);

// One function manifest from text (no cross-file checks). Throws ManifestError.
FunctionManifest parse_function_manifest(std::string const& yaml_text, std::string const& file_name);

}  // namespace kfn::host

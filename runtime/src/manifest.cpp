// One function manifest: its keys, defaults and checks, exactly as docs/manifest-format.md lists them.
#include "kfn/host/manifest.h"

#include <algorithm>
#include <limits>
#include <set>

#include "manifest_internal.h"
#include "manifest_yaml.h"

namespace kfn::host {

using manifest_yaml::Field;

ManifestError::ManifestError(std::string file, int line, std::string field, std::string const& message)
    : std::runtime_error(file + ":" + std::to_string(line) + ": " + field + ": " + message),
      file_(std::move(file)),
      line_(line),
      field_(std::move(field)) {}

namespace manifest_internal {
namespace {

constexpr std::size_t kMaxBodyLimit = 16 * 1024 * 1024;

bool only_chars(std::string_view text, bool (*allowed)(char)) {
  return !text.empty() && std::all_of(text.begin(), text.end(), allowed);
}
bool lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool name_char(char c) { return lower_or_digit(c) || c == '-'; }
bool snake_char(char c) { return lower_or_digit(c) || c == '_'; }
bool literal_segment_char(char c) { return lower_or_digit(c) || c == '.' || c == '_' || c == '-'; }
bool env_key_char(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }

std::string text_matching(Field const& field, bool (*allowed)(char), std::string const& what) {
  std::string value = field.text();
  if (!only_chars(value, allowed)) field.fail("must be " + what + ", got \"" + value + "\"");
  return value;
}

bool is_param_segment(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}' && segment[1] >= 'a' &&
         segment[1] <= 'z' && only_chars(segment.substr(1, segment.size() - 2), snake_char);
}

// Empty when the template is valid, else what is wrong with it.
std::string path_problem(std::string_view path) {
  if (path == "/") return {};
  if (path.empty() || path.front() != '/') return "must start with /";
  if (path.back() == '/') return "must not end with /";
  std::set<std::string_view> params;
  for (std::string_view rest = path.substr(1); !rest.empty();) {
    auto const slash = rest.find('/');
    std::string_view const segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
    if (segment.empty()) return "must not contain an empty segment";
    if (is_param_segment(segment)) {
      if (!params.insert(segment).second) return "repeats the parameter " + std::string(segment);
    } else if (!only_chars(segment, literal_segment_char)) {
      return "segment \"" + std::string(segment) + "\" must be [a-z0-9._-] or a {snake_case} parameter";
    }
  }
  return {};
}

HttpRoute parse_http(Field const& http, ParsedFunction& parsed) {
  http.expect_keys({"method", "path", "auth", "body_limit", "timeout", "content_types"});
  HttpRoute route;
  route.method = http.require("method").one_of({"GET", "POST", "PUT", "PATCH", "DELETE"});
  Field const path = http.require("path");
  route.path = path.text();
  if (auto const problem = path_problem(route.path); !problem.empty()) path.fail(problem);
  parsed.lines[path.path()] = path.line();
  if (auto auth = http.find("auth")) route.auth_required = auth->one_of({"required", "none"}) == "required";
  if (auto limit = http.find("body_limit")) {
    route.body_limit = limit->size_bytes();
    if (route.body_limit > kMaxBodyLimit) limit->fail("must be at most 16MiB");
  }
  if (auto timeout = http.find("timeout")) route.timeout = timeout->duration();
  if (auto types = http.find("content_types")) {
    route.content_types = types->string_list();
    if (route.content_types.empty()) types->fail("must not be empty");
  }
  return route;
}

RetryPolicy parse_retry(Field const& retry) {
  retry.expect_keys({"attempts", "initial_backoff", "max_backoff", "multiplier"});
  RetryPolicy policy;
  if (auto attempts = retry.find("attempts")) policy.attempts = static_cast<int>(attempts->integer(1, 100));
  if (auto initial = retry.find("initial_backoff")) policy.initial_backoff = initial->duration();
  if (auto max = retry.find("max_backoff")) {
    policy.max_backoff = max->duration();
    if (policy.max_backoff < policy.initial_backoff) max->fail("must not be less than initial_backoff");
  }
  if (auto multiplier = retry.find("multiplier")) policy.multiplier = multiplier->number(1.0);
  return policy;
}

KafkaTrigger parse_kafka(Field const& kafka, std::string const& function_name, ParsedFunction& parsed) {
  kafka.expect_keys({"topics", "group", "concurrency", "initial_offset", "dead_letter_topic",
                     "max_in_flight_per_partition", "retry", "event_types"});
  KafkaTrigger trigger;
  Field const topics = kafka.require("topics");
  for (auto const& topic : topics.items()) {
    trigger.topics.push_back(topic.non_empty_text());
    parsed.lines[topic.path()] = topic.line();
  }
  if (trigger.topics.empty()) topics.fail("must name at least one topic");
  trigger.group = kafka.find("group") ? kafka.require("group").non_empty_text() : function_name;
  if (auto concurrency = kafka.find("concurrency"))
    trigger.concurrency = static_cast<int>(concurrency->integer(1, 1024));
  if (auto offset = kafka.find("initial_offset"))
    trigger.initial_offset = offset->one_of({"earliest", "latest"});
  trigger.dead_letter_topic = kafka.find("dead_letter_topic")
                                  ? kafka.require("dead_letter_topic").non_empty_text()
                                  : function_name + ".dlq";
  if (auto in_flight = kafka.find("max_in_flight_per_partition")) {
    trigger.max_in_flight_per_partition =
        static_cast<int>(in_flight->integer(1, std::numeric_limits<int>::max()));
  }
  if (auto retry = kafka.find("retry")) trigger.retry = parse_retry(*retry);
  if (auto types = kafka.find("event_types")) {
    for (auto const& type : types->items()) trigger.event_types.push_back(type.non_empty_text());
    if (trigger.event_types.empty()) types->fail("must name at least one type (leave it out for every type)");
  }
  return trigger;
}

std::string route_path(Field const& field, ParsedFunction& parsed) {
  std::string path = field.text();
  if (auto const problem = path_problem(path); !problem.empty()) field.fail(problem);
  parsed.lines[field.path()] = field.line();
  return path;
}

SseTrigger parse_sse(Field const& sse, ParsedFunction& parsed) {
  sse.expect_keys({"path", "ticket_path", "topic", "presence_topic", "heartbeat", "retry", "ticket_ttl",
                   "max_streams_per_user", "max_queue", "history_events", "history_ttl"});
  SseTrigger trigger;
  if (auto path = sse.find("path")) trigger.path = route_path(*path, parsed);
  if (auto path = sse.find("ticket_path")) trigger.ticket_path = route_path(*path, parsed);
  if (trigger.path == trigger.ticket_path) sse.fail("path and ticket_path must differ");
  if (auto topic = sse.find("topic")) trigger.topic = topic->non_empty_text();
  if (auto topic = sse.find("presence_topic")) trigger.presence_topic = topic->non_empty_text();
  if (auto heartbeat = sse.find("heartbeat")) trigger.heartbeat = heartbeat->duration();
  if (auto retry = sse.find("retry")) trigger.retry = retry->duration();
  if (auto ttl = sse.find("ticket_ttl")) trigger.ticket_ttl = ttl->duration();
  if (auto streams = sse.find("max_streams_per_user"))
    trigger.max_streams_per_user = static_cast<int>(streams->integer(1, 1000));
  if (auto queue = sse.find("max_queue")) trigger.max_queue_bytes = queue->size_bytes();
  if (auto events = sse.find("history_events"))
    trigger.history_events = static_cast<int>(events->integer(1, 1'000'000));
  if (auto ttl = sse.find("history_ttl")) trigger.history_ttl = ttl->duration();
  return trigger;
}

void parse_trigger(Field const& trigger, FunctionManifest& manifest, ParsedFunction& parsed) {
  trigger.expect_keys({"http", "kafka", "sse"});
  auto const http = trigger.find("http");
  auto const kafka = trigger.find("kafka");
  auto const sse = trigger.find("sse");
  if (int(http.has_value()) + int(kafka.has_value()) + int(sse.has_value()) != 1)
    trigger.fail("must have exactly one of http, kafka or sse");
  if (http) manifest.http = parse_http(*http, parsed);
  if (kafka) manifest.kafka = parse_kafka(*kafka, manifest.name, parsed);
  if (sse) manifest.sse = parse_sse(*sse, parsed);
}

Scale parse_scale(Field const& field) {
  field.expect_keys({"min", "max", "concurrency", "cpu", "memory"});
  Scale scale;
  if (auto min = field.find("min")) scale.min_scale = static_cast<int>(min->integer(0, 1000));
  if (auto max = field.find("max")) scale.max_scale = static_cast<int>(max->integer(scale.min_scale, 1000));
  if (!field.find("max") && scale.max_scale < scale.min_scale)
    field.require("min").fail("must not exceed max");
  if (auto concurrency = field.find("concurrency")) {
    scale.container_concurrency = static_cast<int>(concurrency->integer(0, 1'000'000));
  }
  if (auto cpu = field.find("cpu")) scale.cpu_request = cpu->non_empty_text();
  if (auto memory = field.find("memory")) scale.memory_request = memory->non_empty_text();
  return scale;
}

std::map<std::string, std::string> parse_env(Field const& env) {
  std::map<std::string, std::string> out;
  for (auto const& [key, value] : env.entries()) {
    if (!only_chars(key, env_key_char) || key.front() < 'A' || key.front() > 'Z') {
      value.fail("key must match [A-Z][A-Z0-9_]*");
    }
    out[key] = value.text();
  }
  return out;
}

}  // namespace

ParsedFunction parse_function_document(std::string const& yaml_text, std::string const& file_name) {
  Field const root = Field::parse_document(yaml_text, file_name);
  if (root.is_null()) root.fail("the manifest is empty");
  root.expect_keys({"name", "library", "context", "trigger", "scale", "env"});
  ParsedFunction parsed;
  FunctionManifest& manifest = parsed.manifest;
  manifest.file = file_name;
  Field const name = root.require("name");
  manifest.name = text_matching(name, name_char, "[a-z0-9-]+");
  parsed.lines["name"] = name.line();
  if (auto context = root.find("context")) {
    manifest.context = context->non_empty_text();
    parsed.lines["context"] = context->line();
  }
  parse_trigger(root.require("trigger"), manifest, parsed);
  // An sse edge is served by the runtime's own trigger: it has no library and never scales to zero
  // (a stream lives in one process).
  if (manifest.sse) {
    if (root.find("library")) root.require("library").fail("an sse edge has no library");
    manifest.scale.min_scale = 1;
  } else {
    manifest.library = text_matching(root.require("library"), snake_char, "[a-z0-9_]+");
  }
  if (auto scale = root.find("scale")) {
    manifest.scale = parse_scale(*scale);
    if (manifest.sse) {
      if (auto min = scale->find("min"); min && manifest.scale.min_scale < 1) {
        min->fail("an sse edge never scales to zero: must be at least 1");
      }
      manifest.scale.min_scale = std::max(manifest.scale.min_scale, 1);
      manifest.scale.max_scale = std::max(manifest.scale.max_scale, 1);
    }
  }
  if (auto env = root.find("env")) manifest.env = parse_env(*env);
  return parsed;
}

std::string route_shape(std::string_view path) {
  std::string shape;
  for (std::string_view rest = path; !rest.empty();) {
    auto const slash = rest.find('/', 1);
    std::string_view const piece = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash);
    shape += piece.size() > 1 && piece[1] == '{' ? std::string_view("/{}") : piece;
  }
  return shape;
}

}  // namespace manifest_internal

bool KafkaTrigger::handles_type(std::string_view type) const {
  return event_types.empty() || std::find(event_types.begin(), event_types.end(), type) != event_types.end();
}

FunctionManifest parse_function_manifest(std::string const& yaml_text, std::string const& file_name) {
  return manifest_internal::parse_function_document(yaml_text, file_name).manifest;
}

}  // namespace kfn::host

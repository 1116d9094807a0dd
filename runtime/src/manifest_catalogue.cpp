// The catalogue: app.yaml, topics.yaml and every function manifest, checked against each other.
#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>
#include <tuple>

#include "kfn/host/manifest.h"
#include "manifest_internal.h"
#include "manifest_yaml.h"

namespace kfn::host {
namespace {

namespace fs = std::filesystem;
using manifest_internal::ParsedFunction;
using manifest_yaml::Field;

bool snake_name(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Kafka's own rule for topic names.
bool kafka_topic_name(std::string_view text) {
  return !text.empty() && text.size() <= 249 && text != "." && text != ".." &&
         std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                  c == '_' || c == '-';
         });
}

std::string read_file(fs::path const& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ManifestError(path.string(), 1, "(file)", "cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

ContextSpec parse_context(std::string const& name, Field const& field, fs::path const& app_dir) {
  if (!snake_name(name)) field.fail("context name must match [a-z0-9_]+");
  field.expect_keys({"schema", "migrations"});
  ContextSpec context{name, field.require("schema").text(), {}};
  if (!snake_name(context.schema)) field.require("schema").fail("must match [a-z0-9_]+");
  fs::path const migrations = field.require("migrations").non_empty_text();
  context.migrations = fs::weakly_canonical(migrations.is_absolute() ? migrations : app_dir / migrations);
  return context;
}

void parse_app(fs::path const& file, Catalogue& catalogue) {
  Field const root = Field::parse_document(read_file(file), file.string());
  root.expect_keys({"service_name", "cors_origins", "auth", "contexts"});
  AppSettings& app = catalogue.app;
  if (auto name = root.find("service_name")) app.service_name = name->non_empty_text();
  if (auto origins = root.find("cors_origins")) app.cors_origins = origins->string_list();
  if (auto auth = root.find("auth")) {
    auth->expect_keys({"issuer", "audience", "access_token_ttl"});
    if (auto issuer = auth->find("issuer")) app.jwt_issuer = issuer->non_empty_text();
    if (auto audience = auth->find("audience")) app.jwt_audience = audience->non_empty_text();
    if (auto ttl = auth->find("access_token_ttl")) {
      app.access_token_ttl = std::chrono::duration_cast<std::chrono::seconds>(ttl->duration());
      if (app.access_token_ttl.count() < 1) ttl->fail("must be at least 1s");
    }
  }
  if (auto contexts = root.find("contexts")) {
    fs::path const app_dir = fs::absolute(file).parent_path();
    for (auto const& [name, field] : contexts->entries()) {
      catalogue.contexts.push_back(parse_context(name, field, app_dir));
    }
  }
}

TopicSpec parse_topic(Field const& field) {
  field.expect_keys({"name", "partitions", "replication_factor", "retention", "key"});
  TopicSpec topic;
  Field const name = field.require("name");
  topic.name = name.text();
  if (!kafka_topic_name(topic.name)) name.fail("must be a Kafka topic name ([a-zA-Z0-9._-], at most 249)");
  if (auto partitions = field.find("partitions"))
    topic.partitions = static_cast<int>(partitions->integer(1, 10'000));
  if (auto replication = field.find("replication_factor")) {
    topic.replication_factor = static_cast<int>(replication->integer(1, 100));
  }
  if (auto retention = field.find("retention")) topic.retention = retention->duration();
  if (auto key = field.find("key")) topic.key = key->text();
  return topic;
}

void parse_topics(fs::path const& file, Catalogue& catalogue) {
  Field const root = Field::parse_document(read_file(file), file.string());
  root.expect_keys({"topics"});
  auto const topics = root.find("topics");
  if (!topics || topics->is_null()) return;
  for (auto const& item : topics->items()) {
    TopicSpec topic = parse_topic(item);
    if (catalogue.topic(topic.name)) item.require("name").fail("duplicate topic \"" + topic.name + "\"");
    catalogue.topics.push_back(std::move(topic));
  }
}

std::vector<fs::path> function_files(fs::path const& dir) {
  std::vector<fs::path> files;
  std::error_code error;
  if (!fs::is_directory(dir, error)) return files;
  for (auto const& entry : fs::directory_iterator(dir)) {
    auto const extension = entry.path().extension();
    if (entry.is_regular_file() && (extension == ".yaml" || extension == ".yml"))
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());  // deterministic order, so errors and listings are stable
  return files;
}

[[noreturn]] void fail_at(ParsedFunction const& parsed, std::string const& field,
                          std::string const& message) {
  throw ManifestError(parsed.manifest.file, parsed.line(field), field, message);
}

// Everything that needs more than one file: names, routes, topics and contexts.
void check_function(ParsedFunction const& parsed, fs::path const& file, Catalogue const& catalogue,
                    std::map<std::string, std::string>& routes) {
  FunctionManifest const& manifest = parsed.manifest;
  if (manifest.name != file.stem().string()) fail_at(parsed, "name", "must equal the file name stem");
  if (auto const* other = catalogue.function(manifest.name)) {
    fail_at(parsed, "name", "duplicate function name, also in " + other->file);
  }
  if (!manifest.context.empty() && !catalogue.context(manifest.context)) {
    fail_at(parsed, "context", "unknown context \"" + manifest.context + "\" (not in app.yaml)");
  }
  if (manifest.http) {
    std::string const route =
        manifest.http->method + " " + manifest_internal::route_shape(manifest.http->path);
    auto const [it, inserted] = routes.emplace(route, manifest.file);
    if (!inserted) {
      fail_at(parsed, "trigger.http.path",
              "route " + manifest.http->method + " " + manifest.http->path + " is already served by " +
                  it->second);
    }
  }
  if (manifest.sse) {
    for (auto const& [method, field, path] :
         {std::tuple{"GET", "trigger.sse.path", manifest.sse->path},
          std::tuple{"POST", "trigger.sse.ticket_path", manifest.sse->ticket_path}}) {
      auto const [it, inserted] =
          routes.emplace(std::string(method) + " " + manifest_internal::route_shape(path), manifest.file);
      if (!inserted)
        fail_at(parsed, field,
                "route " + std::string(method) + " " + path + " is already served by " + it->second);
    }
    for (auto const& topic : {manifest.sse->topic, manifest.sse->presence_topic}) {
      if (!catalogue.topic(topic))
        fail_at(parsed, "trigger.sse", "unknown topic \"" + topic + "\" (not in topics.yaml)");
    }
  }
  if (manifest.kafka) {
    for (std::size_t i = 0; i < manifest.kafka->topics.size(); ++i) {
      if (!catalogue.topic(manifest.kafka->topics[i])) {
        fail_at(parsed, "trigger.kafka.topics[" + std::to_string(i) + "]",
                "unknown topic \"" + manifest.kafka->topics[i] + "\" (not in topics.yaml)");
      }
    }
  }
}

}  // namespace

TopicSpec const* Catalogue::topic(std::string const& name) const {
  auto const it =
      std::find_if(topics.begin(), topics.end(), [&](TopicSpec const& t) { return t.name == name; });
  return it == topics.end() ? nullptr : &*it;
}

ContextSpec const* Catalogue::context(std::string const& name) const {
  auto const it =
      std::find_if(contexts.begin(), contexts.end(), [&](ContextSpec const& c) { return c.name == name; });
  return it == contexts.end() ? nullptr : &*it;
}

FunctionManifest const* Catalogue::function(std::string const& name) const {
  auto const it = std::find_if(functions.begin(), functions.end(),
                               [&](FunctionManifest const& f) { return f.name == name; });
  return it == functions.end() ? nullptr : &*it;
}

Catalogue load_catalogue(fs::path const& dir) {
  Catalogue catalogue;
  parse_app(dir / "app.yaml", catalogue);
  // A deployment without Kafka-triggered functions needs no topic catalogue.
  if (fs::exists(dir / "topics.yaml")) parse_topics(dir / "topics.yaml", catalogue);
  std::map<std::string, std::string> routes;  // method + route shape -> file
  for (auto const& file : function_files(dir / "functions")) {
    ParsedFunction parsed = manifest_internal::parse_function_document(read_file(file), file.string());
    check_function(parsed, file, catalogue, routes);
    catalogue.functions.push_back(std::move(parsed.manifest));
  }
  return catalogue;
}

}  // namespace kfn::host

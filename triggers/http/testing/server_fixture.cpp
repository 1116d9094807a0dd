#include "server_fixture.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <random>
#include <stdexcept>

#include "kfn/host/process_log.h"

namespace kfn::http::testing {
namespace {

kfn::host::FunctionManifest http_function(std::string name, std::string library, std::string method,
                                          std::string path, bool auth_required) {
  kfn::host::FunctionManifest manifest;
  manifest.name = std::move(name);
  manifest.library = std::move(library);
  kfn::host::HttpRoute route;
  route.method = std::move(method);
  route.path = std::move(path);
  route.auth_required = auth_required;
  manifest.http = route;
  manifest.file = manifest.name + ".yaml";
  return manifest;
}

kfn::host::Catalogue test_catalogue() {
  kfn::host::Catalogue catalogue;
  catalogue.app.service_name = "http-test";
  auto post = http_function("echo-post", "http_test_echo", "POST", "/echo", false);
  post.http->body_limit = 1024;
  auto put = http_function("echo-put", "http_test_echo", "PUT", "/echo/{id}", false);
  put.http->content_types = {"application/json", "application/x-www-form-urlencoded"};
  put.http->body_limit = std::size_t{8} * 1024 * 1024;
  catalogue.functions = {
      http_function("echo-by-id", "http_test_echo", "GET", "/echo/{id}", false),
      http_function("echo-search", "http_test_echo", "GET", "/echo/search", false),
      post,
      put,
      http_function("echo-private", "http_test_echo", "GET", "/private/echo", true),
      http_function("slow", "http_test_slow", "GET", "/slow", false),
      http_function("throwing", "http_test_throwing", "GET", "/throwing", false),
  };
  return catalogue;
}

}  // namespace

std::string test_redis_url() {
  char const* url = std::getenv("KFN_TEST_REDIS_URL");
  return url != nullptr && *url != '\0' ? url : "redis://127.0.0.1:16379";
}

Gate::Gate(kfn::Redis& redis) : redis_(redis) {
  static std::atomic<int> counter{0};
  name_ = std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1)) + "-" +
          std::to_string(std::random_device{}());
}

Gate::~Gate() {
  try {
    redis_.command({"DEL", "kfn:test:gate:" + name_ + ":started", "kfn:test:gate:" + name_ + ":release"});
  } catch (std::exception const&) {  // NOLINT(bugprone-empty-catch): cleanup only
  }
}

void Gate::wait_started() {
  auto reply = redis_.command({"BLPOP", "kfn:test:gate:" + name_ + ":started", "10"});
  if (reply.is_nil()) throw std::runtime_error("no request reached gate " + name_);
}

void Gate::release() { redis_.command({"RPUSH", "kfn:test:gate:" + name_ + ":release", "1"}); }

ServerOptions ServerFixture::default_options() {
  ServerOptions options;
  options.port = 0;
  options.io_threads = 2;
  options.worker_threads = 4;
  options.service_name = "http-test";
  options.cors_origins = {"https://app.example"};
  return options;
}

ServerFixture::ServerFixture(ServerOptions options) {
  jwt_.secret = "kfn-http-trigger-test-secret-0123456789";
  jwt_.issuer = "kfn";
  jwt_.audience = "kfn-chat";
  log_ = kfn::host::make_process_logger(LogLevel::kWarn);
  kfn::host::ServiceConfig config;
  config.redis_url = test_redis_url();
  services_ = kfn::host::Services::create(config, *log_);
  host_ = std::make_unique<kfn::host::FunctionHost>(test_catalogue(), KFN_HTTP_TESTDATA_DIR, *services_,
                                                    metrics_, log_, jwt_);
  server_ = std::make_unique<Server>(*host_, metrics_, std::move(options));
  server_->start();
}

ServerFixture::~ServerFixture() {
  server_.reset();
  host_.reset();
  services_->shutdown(std::chrono::milliseconds(1'000));
}

RawResponse ServerFixture::request(std::string_view method, std::string_view target,
                                   std::vector<std::pair<std::string, std::string>> const& headers,
                                   std::string_view body) {
  RawHttpClient client(port());
  return client.request(method, target, headers, body);
}

}  // namespace kfn::http::testing

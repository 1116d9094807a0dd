// A real kfn::http::Server on 127.0.0.1:0 over a real FunctionHost (the echo, slow and throwing
// test functions) and real Services on the test Redis (KFN_TEST_REDIS_URL).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "kfn/host/function_host.h"
#include "kfn/host/metrics_registry.h"
#include "kfn/host/services.h"
#include "kfn/http/server.h"
#include "raw_http_client.h"

namespace kfn::http::testing {

// Routes served (library in parentheses):
//   GET  /echo/{id}      echo-by-id    (echo)   auth none
//   GET  /echo/search    echo-search   (echo)   auth none
//   POST /echo           echo-post     (echo)   auth none, body_limit 1 KiB, application/json
//   PUT  /echo/{id}      echo-put      (echo)   auth none, body_limit 8 MiB, json or form
//   GET  /private/echo   echo-private  (echo)   auth required
//   GET  /slow           slow          (slow)   auth none; ?gate=<name> holds it (see GateKeeper)
//   GET  /throwing       throwing      (throwing) auth none
class ServerFixture {
 public:
  static ServerOptions default_options();
  explicit ServerFixture(ServerOptions options = default_options());
  ~ServerFixture();

  [[nodiscard]] Server& server() { return *server_; }
  [[nodiscard]] std::uint16_t port() const { return server_->port(); }
  [[nodiscard]] kfn::host::JwtSettings const& jwt() const { return jwt_; }
  [[nodiscard]] kfn::host::Services& services() { return *services_; }
  [[nodiscard]] kfn::host::FunctionHost& host() { return *host_; }
  [[nodiscard]] kfn::host::MetricsRegistry& metrics() { return metrics_; }

  // One request on a fresh connection.
  RawResponse request(std::string_view method, std::string_view target,
                      std::vector<std::pair<std::string, std::string>> const& headers = {},
                      std::string_view body = {});

 private:
  kfn::host::JwtSettings jwt_;
  std::shared_ptr<Logger> log_;
  std::unique_ptr<kfn::host::Services> services_;
  kfn::host::MetricsRegistry metrics_;
  std::unique_ptr<kfn::host::FunctionHost> host_;
  std::unique_ptr<Server> server_;
};

std::string test_redis_url();

// Holds /slow?gate=<name> requests in flight: wait_started() returns once one has begun running,
// release() lets one finish. Uses a unique name per instance, so runs do not see each other.
class Gate {
 public:
  explicit Gate(kfn::Redis& redis);
  ~Gate();
  [[nodiscard]] std::string const& name() const { return name_; }
  [[nodiscard]] std::string target() const { return "/slow?gate=" + name_; }
  void wait_started();  // throws std::runtime_error after 10 s
  void release();

 private:
  kfn::Redis& redis_;
  std::string name_;
};

}  // namespace kfn::http::testing

// The test Redis (KFN_TEST_REDIS_URL) through the runtime's own client, and a key prefix no other
// run shares.
#pragma once

#include <cstdlib>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>

#include "kfn/host/process_log.h"
#include "kfn/host/services.h"

namespace kfn::sse::testing {

inline kfn::host::Services& test_services() {
  static auto const services = [] {
    char const* url = std::getenv("KFN_TEST_REDIS_URL");
    if (url == nullptr || *url == '\0') throw std::runtime_error("KFN_TEST_REDIS_URL is not set");
    kfn::host::ServiceConfig config;
    config.redis_url = url;
    static auto log = kfn::host::make_process_logger();
    return kfn::host::Services::create(config, *log);
  }();
  return *services;
}

inline std::string unique_prefix() {
  std::random_device random;
  return "kfn:sse-test:" + std::to_string(random()) + std::to_string(random()) + ":";
}

}  // namespace kfn::sse::testing

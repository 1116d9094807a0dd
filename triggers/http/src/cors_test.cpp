#include "cors.h"

#include <catch2/catch.hpp>

namespace kfn::http {
namespace {

HttpRequest preflight_request(std::string origin, std::string method) {
  HttpRequest request;
  request.method = "OPTIONS";
  request.path = "/messages/1";
  request.headers.add("Origin", std::move(origin));
  request.headers.add("Access-Control-Request-Method", std::move(method));
  return request;
}

}  // namespace

TEST_CASE("only listed origins are allowed") {
  CorsPolicy policy({"https://chat.example.com"});
  CHECK(policy.allows("https://chat.example.com"));
  CHECK_FALSE(policy.allows("https://evil.example.com"));
  CHECK_FALSE(policy.allows(""));
}

TEST_CASE("a star allows any origin") {
  CorsPolicy policy({"*"});
  CHECK(policy.allows("https://anything.example"));
}

TEST_CASE("no origins configured allows none") { CHECK_FALSE(CorsPolicy({}).allows("https://a.example")); }

TEST_CASE("a preflight is OPTIONS with Origin and Access-Control-Request-Method") {
  CHECK(CorsPolicy::is_preflight(preflight_request("https://a.example", "POST")));
  auto plain = preflight_request("https://a.example", "POST");
  plain.headers.remove("Access-Control-Request-Method");
  CHECK_FALSE(CorsPolicy::is_preflight(plain));
}

TEST_CASE("a preflight from an allowed origin gets 204 with the CORS headers") {
  CorsPolicy policy({"https://a.example"});
  auto response = policy.preflight(preflight_request("https://a.example", "POST"), {"GET", "POST"});
  CHECK(response.status == 204);
  CHECK(response.headers.get("Access-Control-Allow-Methods") == "GET, POST");
  CHECK(response.headers.get("Access-Control-Allow-Headers").has_value());
  CHECK(response.headers.get("Access-Control-Max-Age") == "600");
}

TEST_CASE("a preflight echoes the requested headers when they are plain names") {
  CorsPolicy policy({"*"});
  auto request = preflight_request("https://a.example", "GET");
  request.headers.add("Access-Control-Request-Headers", "authorization, x-custom");
  auto response = policy.preflight(request, {"GET"});
  CHECK(response.headers.get("Access-Control-Allow-Headers") == "authorization, x-custom");
}

TEST_CASE("a preflight from another origin or for another method gets no CORS headers") {
  CorsPolicy policy({"https://a.example"});
  auto other_origin = policy.preflight(preflight_request("https://b.example", "POST"), {"POST"});
  CHECK_FALSE(other_origin.headers.get("Access-Control-Allow-Methods"));
  auto other_method = policy.preflight(preflight_request("https://a.example", "DELETE"), {"POST"});
  CHECK_FALSE(other_method.headers.get("Access-Control-Allow-Methods"));
}

TEST_CASE("responses to an allowed origin carry its Allow-Origin and Vary") {
  CorsPolicy policy({"https://a.example"});
  HttpResponse response;
  policy.decorate(response, "https://a.example");
  CHECK(response.headers.get("Access-Control-Allow-Origin") == "https://a.example");
  CHECK(response.headers.get("Vary") == "Origin");
}

TEST_CASE("responses to other origins or without an Origin are left alone") {
  CorsPolicy policy({"https://a.example"});
  HttpResponse response;
  policy.decorate(response, "https://b.example");
  policy.decorate(response, std::nullopt);
  CHECK(response.headers.empty());
}

}  // namespace kfn::http

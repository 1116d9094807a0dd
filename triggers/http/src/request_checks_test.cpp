#include "request_checks.h"

#include <catch2/catch.hpp>

namespace kfn::http {
namespace {

kfn::host::HttpRoute route_with_limit(std::size_t limit) {
  kfn::host::HttpRoute route;
  route.method = "POST";
  route.path = "/x";
  route.body_limit = limit;
  return route;
}

HttpRequest request_with(std::string body, std::string const& content_type = "application/json") {
  HttpRequest request;
  request.method = "POST";
  request.path = "/x";
  request.body = std::move(body);
  if (!content_type.empty()) request.headers.add("Content-Type", content_type);
  return request;
}

std::string error_code(HttpResponse const& response) {
  return nlohmann::json::parse(response.body)["error"]["code"].get<std::string>();
}

}  // namespace

TEST_CASE("a body within the limit passes") {
  CHECK_FALSE(check_body_size(route_with_limit(10), request_with("0123456789")));
}

TEST_CASE("a body over the limit is 413 payload_too_large") {
  auto rejection = check_body_size(route_with_limit(10), request_with("01234567890"));
  REQUIRE(rejection);
  CHECK(rejection->status == 413);
  CHECK(error_code(*rejection) == "payload_too_large");
}

TEST_CASE("a declared Content-Length over the limit is 413 even with a short body") {
  auto request = request_with("{}");
  request.headers.add("Content-Length", "4096");
  CHECK(check_body_size(route_with_limit(1024), request));
}

TEST_CASE("a Content-Length that is not a number is 413") {
  auto request = request_with("{}");
  request.headers.add("Content-Length", "12abc");
  CHECK(check_body_size(route_with_limit(1024), request));
}

TEST_CASE("a JSON body passes whatever the case and parameters of its media type") {
  auto route = route_with_limit(1024);
  CHECK_FALSE(check_content_type(route, request_with("{}", "application/json")));
  CHECK_FALSE(check_content_type(route, request_with("{}", "Application/JSON; charset=utf-8")));
  CHECK_FALSE(check_content_type(route, request_with("{}", " application/json ;charset=UTF-8")));
}

TEST_CASE("a body of another media type is 415 unsupported_media_type") {
  auto rejection = check_content_type(route_with_limit(1024), request_with("a=b", "text/plain"));
  REQUIRE(rejection);
  CHECK(rejection->status == 415);
  CHECK(error_code(*rejection) == "unsupported_media_type");
}

TEST_CASE("a body without a Content-Type is 415") {
  CHECK(check_content_type(route_with_limit(1024), request_with("{}", "")));
}

TEST_CASE("a request without a body needs no Content-Type") {
  CHECK_FALSE(check_content_type(route_with_limit(1024), request_with("", "")));
}

TEST_CASE("a route may accept form bodies") {
  auto route = route_with_limit(1024);
  route.content_types = {"application/json", "application/x-www-form-urlencoded"};
  CHECK_FALSE(check_content_type(route, request_with("a=b", "application/x-www-form-urlencoded")));
}

}  // namespace kfn::http

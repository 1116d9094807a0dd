#include "kfn/http.h"

#include <catch2/catch.hpp>

using kfn::HttpRequest;

TEST_CASE("Headers lookup ignores case and set replaces every field of that name", "[http]") {
  kfn::Headers headers;
  headers.add("X-Thing", "1");
  headers.add("x-thing", "2");
  CHECK(headers.get("X-THING") == "1");
  headers.set("X-Thing", "3");
  CHECK(headers.get("x-thing") == "3");
  CHECK(std::distance(headers.begin(), headers.end()) == 1);
  headers.remove("X-THING");
  CHECK_FALSE(headers.get("x-thing"));
  CHECK(headers.empty());
}

TEST_CASE("query_param percent-decodes the first matching value", "[http]") {
  HttpRequest request;
  request.query = "a=1&name=al%20ice+b&name=second&flag&empty=";
  CHECK(request.query_param("name") == "al ice b");
  CHECK(request.query_param("a") == "1");
  CHECK(request.query_param("flag") == "");
  CHECK(request.query_param("empty") == "");
  CHECK_FALSE(request.query_param("missing"));
}

TEST_CASE("path_param returns the bound value or nothing", "[http]") {
  HttpRequest request;
  request.path_params = {{"room_id", "42"}};
  CHECK(request.path_param("room_id") == "42");
  CHECK_FALSE(request.path_param("user_id"));
}

TEST_CASE("json_response sets the JSON content type and serializes the body", "[http]") {
  auto const response = kfn::json_response(201, {{"id", 7}});
  CHECK(response.status == 201);
  CHECK(response.headers.get("content-type") == "application/json; charset=utf-8");
  CHECK(nlohmann::json::parse(response.body) == nlohmann::json{{"id", 7}});
}

TEST_CASE("error_response builds API.md's error body", "[http]") {
  auto const response = kfn::error_response(409, "email_taken", "Email already registered");
  CHECK(response.status == 409);
  auto const body = nlohmann::json::parse(response.body);
  CHECK(body ==
        nlohmann::json{{"error", {{"code", "email_taken"}, {"message", "Email already registered"}}}});
}

TEST_CASE("validation_error is a 422 with the fields inside error", "[http]") {
  auto const response = kfn::validation_error({{"email", "invalid"}, {"password", "too short"}});
  CHECK(response.status == 422);
  auto const body = nlohmann::json::parse(response.body);
  CHECK(body["error"]["code"] == "validation_failed");
  CHECK(body["error"]["message"] == "Request validation failed");
  CHECK(body["error"]["fields"] == nlohmann::json{{"email", "invalid"}, {"password", "too short"}});
}

TEST_CASE("no_content is an empty 204", "[http]") {
  auto const response = kfn::no_content();
  CHECK(response.status == 204);
  CHECK(response.body.empty());
}

TEST_CASE("parse_form decodes plus and percent escapes and keeps the first repeated key", "[http]") {
  auto const form = kfn::parse_form("username=al+ice&password=p%26ss%3D1&username=other&grant_type=");
  CHECK(form.at("username") == "al ice");
  CHECK(form.at("password") == "p&ss=1");
  CHECK(form.at("grant_type").empty());
  CHECK(form.size() == 3);
}

TEST_CASE("percent_decode keeps malformed escapes and plus signs literally", "[http]") {
  CHECK(kfn::percent_decode("a%2Fb%zz%4") == "a/b%zz%4");
  CHECK(kfn::percent_decode("a+b") == "a+b");
  CHECK(kfn::percent_decode("%e2%82%ac") == "\xe2\x82\xac");
}

TEST_CASE("parse_json_object accepts objects only and never throws", "[http]") {
  CHECK(kfn::parse_json_object(R"({"a":1})") == nlohmann::json{{"a", 1}});
  CHECK_FALSE(kfn::parse_json_object("[1,2]"));
  CHECK_FALSE(kfn::parse_json_object("\"text\""));
  CHECK_FALSE(kfn::parse_json_object("{\"a\":"));
  CHECK_FALSE(kfn::parse_json_object(""));
}

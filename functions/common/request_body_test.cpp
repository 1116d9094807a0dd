#include "common/request_body.h"

#include <catch2/catch.hpp>

namespace {

kfn::HttpRequest with_body(std::string body) {
  kfn::HttpRequest req;
  req.method = "POST";
  req.body = std::move(body);
  return req;
}

}  // namespace

TEST_CASE("json_object_body returns the parsed object", "[request_body]") {
  auto body = common::json_object_body(with_body(R"({"a": 1})"));
  REQUIRE(body.ok());
  CHECK(body.value()["a"] == 1);
}

TEST_CASE("json_object_body answers 400 invalid_json for malformed JSON and non-objects", "[request_body]") {
  for (char const* text : {"", "{", "[1,2]", "\"text\"", "42", "null"}) {
    auto body = common::json_object_body(with_body(text));
    REQUIRE_FALSE(body.ok());
    CHECK(body.response().status == 400);
    auto const error = nlohmann::json::parse(body.response().body);
    CHECK(error["error"]["code"] == "invalid_json");
  }
}

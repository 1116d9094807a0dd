#include "common/json_fields.h"

#include <catch2/catch.hpp>

using nlohmann::json;

TEST_CASE("required_string accepts text within bounds on both sides", "[json_fields]") {
  common::FieldErrors errors;
  CHECK(common::required_string(json{{"n", "abc"}}, "n", {3, 5}, errors) == "abc");
  CHECK(common::required_string(json{{"n", "abcde"}}, "n", {3, 5}, errors) == "abcde");
  CHECK(errors.empty());
}

TEST_CASE("required_string reports text just outside the bounds", "[json_fields]") {
  common::FieldErrors errors;
  CHECK_FALSE(common::required_string(json{{"a", "ab"}}, "a", {3, 5}, errors));
  CHECK_FALSE(common::required_string(json{{"b", "abcdef"}}, "b", {3, 5}, errors));
  CHECK(errors.fields().at("a") == "must be at least 3 characters");
  CHECK(errors.fields().at("b") == "must be at most 5 characters");
}

TEST_CASE("required_string measures length in characters, not bytes", "[json_fields]") {
  common::FieldErrors errors;
  // Five two-byte characters fit a five-character limit.
  CHECK(
      common::required_string(json{{"n", "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"}}, "n", {1, 5}, errors));
  CHECK(errors.empty());
}

TEST_CASE("required_string reports missing, null and non-string fields", "[json_fields]") {
  common::FieldErrors errors;
  CHECK_FALSE(common::required_string(json::object(), "missing", {1, 5}, errors));
  CHECK_FALSE(common::required_string(json{{"nul", nullptr}}, "nul", {1, 5}, errors));
  CHECK_FALSE(common::required_string(json{{"num", 5}}, "num", {1, 5}, errors));
  CHECK_FALSE(common::required_string(json{{"empty", ""}}, "empty", {1, 5}, errors));
  CHECK(errors.fields().at("missing") == "is required");
  CHECK(errors.fields().at("nul") == "is required");
  CHECK(errors.fields().at("num") == "must be a string");
  CHECK(errors.fields().at("empty") == "must not be empty");
}

TEST_CASE("optional_string treats absent and null as not given", "[json_fields]") {
  common::FieldErrors errors;
  CHECK_FALSE(common::optional_string(json::object(), "x", {1, 5}, errors));
  CHECK_FALSE(common::optional_string(json{{"x", nullptr}}, "x", {1, 5}, errors));
  CHECK(errors.empty());
  CHECK_FALSE(common::optional_string(json{{"x", true}}, "x", {1, 5}, errors));
  CHECK(errors.has("x"));
}

TEST_CASE("nullable_string tells absent, null and a value apart", "[json_fields]") {
  common::FieldErrors errors;
  auto const absent = common::nullable_string(json::object(), "s", {0, 3}, errors);
  auto const cleared = common::nullable_string(json{{"s", nullptr}}, "s", {0, 3}, errors);
  auto const set = common::nullable_string(json{{"s", ""}}, "s", {0, 3}, errors);
  CHECK_FALSE(absent.present);
  CHECK(cleared.present);
  CHECK_FALSE(cleared.value);
  CHECK(set.present);
  CHECK(set.value == "");
  CHECK(errors.empty());

  auto const too_long = common::nullable_string(json{{"s", "abcd"}}, "s", {0, 3}, errors);
  CHECK_FALSE(too_long.present);
  CHECK(errors.has("s"));
}

TEST_CASE("required_id accepts positive integers only", "[json_fields]") {
  common::FieldErrors errors;
  CHECK(common::required_id(json{{"id", 1}}, "id", errors) == 1);
  CHECK(common::required_id(json{{"id", 9223372036854775807LL}}, "id", errors) == 9223372036854775807LL);
  CHECK(errors.empty());
  for (json const& bad :
       {json(0), json(-3), json(1.0), json("1"), json(true), json(18446744073709551615ULL)}) {
    common::FieldErrors these;
    CHECK_FALSE(common::required_id(json{{"id", bad}}, "id", these));
    CHECK(these.fields().at("id") == "must be a positive integer");
  }
}

TEST_CASE("optional_id accepts absence but not a bad value", "[json_fields]") {
  common::FieldErrors errors;
  CHECK_FALSE(common::optional_id(json::object(), "id", errors));
  CHECK(errors.empty());
  CHECK_FALSE(common::optional_id(json{{"id", "x"}}, "id", errors));
  CHECK(errors.has("id"));
}

TEST_CASE("required_id_list dedupes and bounds the list", "[json_fields]") {
  common::FieldErrors errors;
  CHECK(common::required_id_list(json{{"ids", {3, 1, 3}}}, "ids", 3, errors) ==
        std::vector<std::int64_t>{3, 1});
  CHECK(errors.empty());
  CHECK_FALSE(common::required_id_list(json{{"a", {1, 2, 3, 4}}}, "a", 3, errors));
  CHECK_FALSE(common::required_id_list(json{{"b", {1, "2"}}}, "b", 3, errors));
  CHECK_FALSE(common::required_id_list(json{{"c", 1}}, "c", 3, errors));
  CHECK(errors.fields().at("a") == "must have at most 3 items");
  CHECK(errors.has("b"));
  CHECK(errors.has("c"));
}

TEST_CASE("optional_bool reads booleans and refuses anything else", "[json_fields]") {
  common::FieldErrors errors;
  CHECK(common::optional_bool(json{{"all", true}}, "all", errors) == true);
  CHECK_FALSE(common::optional_bool(json::object(), "all", errors));
  CHECK(errors.empty());
  CHECK_FALSE(common::optional_bool(json{{"all", 1}}, "all", errors));
  CHECK(errors.has("all"));
}

TEST_CASE("FieldErrors keeps the first problem per field and answers 422", "[json_fields]") {
  common::FieldErrors errors;
  errors.add("email", "first");
  errors.add("email", "second");
  CHECK(errors.fields().at("email") == "first");
  auto const response = errors.response();
  CHECK(response.status == 422);
  auto const body = json::parse(response.body);
  CHECK(body["error"]["code"] == "validation_failed");
  CHECK(body["error"]["fields"]["email"] == "first");
}

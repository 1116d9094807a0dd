#include "common/ids.h"

#include <catch2/catch.hpp>

using common::IdParse;

TEST_CASE("parse_id accepts plain positive decimal numbers", "[ids]") {
  CHECK(common::parse_id("1").id == 1);
  CHECK(common::parse_id("9223372036854775807").id == 9223372036854775807);
  CHECK(common::parse_id("42").result == IdParse::kOk);
}

TEST_CASE("parse_id calls anything but digits malformed", "[ids]") {
  for (char const* text : {"", "-1", "+1", " 1", "1 ", "0x10", "1.0", "abc", "1e3"}) {
    CHECK(common::parse_id(text).result == IdParse::kMalformed);
  }
}

TEST_CASE("parse_id calls zero and numbers beyond int64 ids that cannot exist", "[ids]") {
  CHECK(common::parse_id("0").result == IdParse::kNoSuchId);
  CHECK(common::parse_id("9223372036854775808").result == IdParse::kNoSuchId);
  CHECK(common::parse_id("99999999999999999999999").result == IdParse::kNoSuchId);
}

TEST_CASE("path_id answers 400 for a malformed parameter and 404 for an impossible id", "[ids]") {
  kfn::HttpRequest req;
  req.path_params = {{"room_id", "12"}};
  auto ok = common::path_id(req, "room_id");
  REQUIRE(ok.ok());
  CHECK(ok.value() == 12);

  req.path_params = {{"room_id", "abc"}};
  auto malformed = common::path_id(req, "room_id");
  REQUIRE_FALSE(malformed.ok());
  CHECK(malformed.response().status == 400);
  CHECK(malformed.response().body.find("invalid_parameter") != std::string::npos);

  req.path_params = {{"room_id", "0"}};
  auto impossible = common::path_id(req, "room_id", "room_not_found");
  REQUIRE_FALSE(impossible.ok());
  CHECK(impossible.response().status == 404);
  CHECK(impossible.response().body.find("room_not_found") != std::string::npos);
}

TEST_CASE("parse_id_list reads comma-separated ids within the limit", "[ids]") {
  CHECK(common::parse_id_list("1,2,3", 100) == std::vector<std::int64_t>{1, 2, 3});
  CHECK(common::parse_id_list("3,3,1", 100) == std::vector<std::int64_t>{3, 1});
  CHECK(common::parse_id_list("", 100) == std::vector<std::int64_t>{});
  CHECK(common::parse_id_list("1,2", 2).has_value());
}

TEST_CASE("parse_id_list refuses bad items and too many ids", "[ids]") {
  CHECK_FALSE(common::parse_id_list("1,,2", 100).has_value());
  CHECK_FALSE(common::parse_id_list("1,x", 100).has_value());
  CHECK_FALSE(common::parse_id_list("1,0", 100).has_value());
  CHECK_FALSE(common::parse_id_list("1,", 100).has_value());
  CHECK_FALSE(common::parse_id_list("1,2,3", 2).has_value());
}

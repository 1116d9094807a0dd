#include "lib/member_ids.h"

#include <catch2/catch.hpp>

#include "lib/id_list.h"

TEST_CASE("member_ids round-trips through its column text in join order", "[members]") {
  chat::MemberIds const ids{12, 3, 7};
  CHECK(chat::format_member_ids(ids) == "12,3,7");
  CHECK(chat::parse_member_ids("12,3,7") == ids);
  CHECK(chat::parse_member_ids("").empty());
  CHECK(chat::format_member_ids({}).empty());
}

TEST_CASE("parse_member_ids skips items that are not ids", "[members]") {
  CHECK(chat::parse_member_ids("1,,x,0,-2,5") == chat::MemberIds{1, 5});
}

TEST_CASE("contains finds members only", "[members]") {
  CHECK(chat::contains({1, 2}, 2));
  CHECK_FALSE(chat::contains({1, 2}, 3));
}

TEST_CASE("id_list_json writes a JSON array for JSON_TABLE", "[members]") {
  CHECK(chat::id_list_json({}) == "[]");
  CHECK(chat::id_list_json({4, 5}) == "[4,5]");
}

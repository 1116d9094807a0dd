#include "common/utf8.h"

#include <catch2/catch.hpp>

using common::utf8_length;

TEST_CASE("utf8_length counts code points, not bytes", "[utf8]") {
  CHECK(utf8_length("") == 0u);
  CHECK(utf8_length("abc") == 3u);
  CHECK(utf8_length("\xC3\xA9t\xC3\xA9") == 3u);         // "été"
  CHECK(utf8_length("\xE4\xBD\xA0\xE5\xA5\xBD") == 2u);  // two CJK characters
  CHECK(utf8_length("\xF0\x9F\x98\x80") == 1u);          // one emoji, four bytes
}

TEST_CASE("utf8_length rejects malformed UTF-8", "[utf8]") {
  CHECK_FALSE(utf8_length("\xC3").has_value());              // truncated
  CHECK_FALSE(utf8_length("\x80").has_value());              // stray continuation byte
  CHECK_FALSE(utf8_length("\xC0\xAF").has_value());          // overlong '/'
  CHECK_FALSE(utf8_length("\xED\xA0\x80").has_value());      // UTF-16 surrogate
  CHECK_FALSE(utf8_length("\xF4\x90\x80\x80").has_value());  // beyond U+10FFFF
  CHECK_FALSE(utf8_length("\xFF").has_value());
}

TEST_CASE("has_control_characters finds C0 controls and DEL only", "[utf8]") {
  CHECK(common::has_control_characters("a\nb"));
  CHECK(common::has_control_characters(std::string("a\0b", 3)));
  CHECK(common::has_control_characters("\x7F"));
  CHECK_FALSE(common::has_control_characters("plain text \xC3\xA9"));
}

TEST_CASE("ascii_lower lowers ASCII letters and leaves other bytes alone", "[utf8]") {
  CHECK(common::ascii_lower("Alice_01@Example.COM") == "alice_01@example.com");
  CHECK(common::ascii_lower("\xC3\x89") == "\xC3\x89");
}

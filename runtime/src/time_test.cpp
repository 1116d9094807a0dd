#include "kfn/time.h"

#include <catch2/catch.hpp>

using namespace std::chrono;

namespace {
system_clock::time_point at(int y, unsigned mo, unsigned d, int h, int mi, int s, int ms) {
  return system_clock::time_point{sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} +
                                  seconds{s} + milliseconds{ms}};
}
}  // namespace

TEST_CASE("format_rfc3339 writes UTC with exactly three fraction digits", "[time]") {
  CHECK(kfn::format_rfc3339(at(2026, 11, 21, 12, 0, 0, 123)) == "2026-11-21T12:00:00.123Z");
  CHECK(kfn::format_rfc3339(at(2026, 1, 2, 3, 4, 5, 0)) == "2026-01-02T03:04:05.000Z");
  // Sub-millisecond precision is truncated, never rounded up into the next second.
  CHECK(kfn::format_rfc3339(at(2026, 1, 2, 3, 4, 5, 999) + microseconds{999}) == "2026-01-02T03:04:05.999Z");
}

TEST_CASE("sql_datetime and rfc3339_from_sql convert between the two formats", "[time]") {
  auto const t = at(2026, 11, 21, 12, 0, 0, 123);
  CHECK(kfn::sql_datetime(t) == "2026-11-21 12:00:00.123");
  CHECK(kfn::rfc3339_from_sql("2026-11-21 12:00:00.123") == "2026-11-21T12:00:00.123Z");
  CHECK(kfn::rfc3339_from_sql("2026-11-21 12:00:00") == "2026-11-21T12:00:00.000Z");
  CHECK(kfn::rfc3339_from_sql("2026-11-21 12:00:00.123456") == "2026-11-21T12:00:00.123Z");
  CHECK(kfn::rfc3339_from_sql("").empty());
}

TEST_CASE("parse_rfc3339 reads Z and numeric offsets", "[time]") {
  auto const t = at(2026, 11, 21, 12, 0, 0, 123);
  CHECK(kfn::parse_rfc3339("2026-11-21T12:00:00.123Z") == t);
  CHECK(kfn::parse_rfc3339("2026-11-21T21:00:00.123+09:00") == t);
  CHECK(kfn::parse_rfc3339("2026-11-21T11:30:00.123-00:30") == t);
  CHECK(kfn::parse_rfc3339("2026-11-21T12:00:00Z") == at(2026, 11, 21, 12, 0, 0, 0));
}

TEST_CASE("parse_rfc3339 rejects malformed text", "[time]") {
  CHECK_FALSE(kfn::parse_rfc3339(""));
  CHECK_FALSE(kfn::parse_rfc3339("2026-11-21"));
  CHECK_FALSE(kfn::parse_rfc3339("2026-11-21T12:00:00"));
  CHECK_FALSE(kfn::parse_rfc3339("2026-13-21T12:00:00Z"));
  CHECK_FALSE(kfn::parse_rfc3339("2026-02-30T12:00:00Z"));
  CHECK_FALSE(kfn::parse_rfc3339("2026-11-21T12:00:00.Z"));
  CHECK_FALSE(kfn::parse_rfc3339("2026-11-21T12:00:00Zjunk"));
}

TEST_CASE("format then parse round-trips at millisecond precision", "[time]") {
  auto const t = at(1999, 12, 31, 23, 59, 59, 7);
  CHECK(kfn::parse_rfc3339(kfn::format_rfc3339(t)) == t);
}

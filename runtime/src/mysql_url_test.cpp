#include "mysql_url.h"

#include <catch2/catch.hpp>
#include <stdexcept>

using kfn::host::parse_mysql_url;

TEST_CASE("mysql url with user, password, host and port parses every part") {
  auto const url = parse_mysql_url("mysql://app:s3cret@db.internal:13306/");
  CHECK(url.user == "app");
  CHECK(url.password == "s3cret");
  CHECK(url.host == "db.internal");
  CHECK(url.port == 13306);
}

TEST_CASE("mysql url without password or port defaults to no password and port 3306") {
  auto const url = parse_mysql_url("mysql://root@localhost");
  CHECK(url.user == "root");
  CHECK(url.password.empty());
  CHECK(url.host == "localhost");
  CHECK(url.port == 3306);
}

TEST_CASE("mysql url percent-decodes user and password and keeps '+' literal") {
  auto const url = parse_mysql_url("mysql://us%40er:p%3Aa%2Fss+word%25@127.0.0.1:3306/");
  CHECK(url.user == "us@er");
  CHECK(url.password == "p:a/ss+word%");
}

TEST_CASE("mysql url with a bracketed IPv6 host parses host and port") {
  auto const url = parse_mysql_url("mysql://root@[::1]:3307");
  CHECK(url.host == "::1");
  CHECK(url.port == 3307);
  CHECK(url.masked() == "mysql://root@[::1]:3307/");
}

TEST_CASE("mysql url masked form hides the password") {
  auto const url = parse_mysql_url("mysql://app:topsecret@db:3306/");
  CHECK(url.masked() == "mysql://app:***@db:3306/");
  CHECK(url.masked().find("topsecret") == std::string::npos);
}

TEST_CASE("mysql url that is malformed is refused without echoing the password") {
  for (char const* bad :
       {"postgres://u@h", "mysql://host:3306", "mysql://u:pw@", "mysql://u:pw@h:0", "mysql://u:pw@h:99999",
        "mysql://u:pw@h:12ab", "mysql://u:pw@h/schema", "mysql://u:p%zzw@h", "mysql://:pw@h"}) {
    INFO(bad);
    try {
      parse_mysql_url(bad);
      FAIL("accepted");
    } catch (std::invalid_argument const& e) {
      CHECK(std::string(e.what()).find("pw") == std::string::npos);
    }
  }
}

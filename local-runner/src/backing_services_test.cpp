#include "backing_services.h"

#include <catch2/catch.hpp>

using kfn::runner::redact_url;

TEST_CASE("redact_url hides the password of a database URL") {
  CHECK(redact_url("mysql://app:s3cret@db:3306/") == "mysql://app:***@db:3306/");
}

TEST_CASE("redact_url leaves URLs without a password unchanged") {
  CHECK(redact_url("mysql://root@127.0.0.1:3306/") == "mysql://root@127.0.0.1:3306/");
  CHECK(redact_url("redis://127.0.0.1:6379") == "redis://127.0.0.1:6379");
}

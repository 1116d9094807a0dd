#include "keep_alive.h"

#include <catch2/catch.hpp>

namespace kfn::http {

TEST_CASE("an HTTP/1.1 request without a Connection header keeps the connection") {
  CHECK(client_wants_keep_alive(true, std::nullopt));
}

TEST_CASE("an HTTP/1.1 request asking to close closes, whatever the case and position") {
  CHECK_FALSE(client_wants_keep_alive(true, "close"));
  CHECK_FALSE(client_wants_keep_alive(true, "Close"));
  CHECK_FALSE(client_wants_keep_alive(true, "TE, close"));
}

TEST_CASE("an HTTP/1.0 request keeps the connection only when asked") {
  CHECK_FALSE(client_wants_keep_alive(false, std::nullopt));
  CHECK_FALSE(client_wants_keep_alive(false, "TE"));
  CHECK(client_wants_keep_alive(false, "Keep-Alive"));
  CHECK(client_wants_keep_alive(false, " keep-alive , TE"));
}

TEST_CASE("other connection options do not close an HTTP/1.1 connection") {
  CHECK(client_wants_keep_alive(true, "Upgrade"));
  CHECK(client_wants_keep_alive(true, "closer"));
}

}  // namespace kfn::http

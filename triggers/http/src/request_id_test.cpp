#include "request_id.h"

#include <catch2/catch.hpp>

namespace kfn::http {

TEST_CASE("a sane client request id is echoed") {
  CHECK(choose_request_id("abc-123_x.y") == "abc-123_x.y");
  CHECK(choose_request_id(std::string(128, 'a')) == std::string(128, 'a'));
}

TEST_CASE("an unsafe or oversized client request id is replaced") {
  for (std::string bad : {std::string(), std::string(129, 'a'), std::string("a b"), std::string("a\r\nb"),
                          std::string("a/b"), std::string("{\"x\":1}")}) {
    auto chosen = choose_request_id(bad);
    CHECK(chosen != bad);
    CHECK(is_acceptable_request_id(chosen));
  }
}

TEST_CASE("without a client id a fresh one is generated each time") {
  auto first = choose_request_id(std::nullopt);
  auto second = choose_request_id(std::nullopt);
  CHECK(first.size() == 32);
  CHECK(is_acceptable_request_id(first));
  CHECK(first != second);
}

}  // namespace kfn::http

#include "stream_registry.h"

#include <catch2/catch.hpp>

using namespace kfn::sse;

namespace {

std::shared_ptr<EventStream> stream(std::uint64_t serial, std::int64_t user) {
  return std::make_shared<EventStream>(serial, user, -1, true, 1024);
}

}  // namespace

TEST_CASE("a user's streams beyond the cap push out the oldest, one for one") {
  StreamRegistry registry(3);
  std::vector<std::shared_ptr<EventStream>> opened;
  for (std::uint64_t i = 1; i <= 3; ++i) {
    opened.push_back(stream(i, 7));
    CHECK(registry.add(opened.back()).empty());
  }
  auto fourth = stream(4, 7);
  auto pushed = registry.add(fourth);
  REQUIRE(pushed.size() == 1);
  CHECK(pushed.front() == opened.front());
  CHECK(registry.count_of(7) == 3);
  auto now = registry.of_user(7);
  CHECK(now.front() == opened[1]);
  CHECK(now.back() == fourth);
}

TEST_CASE("users are capped separately and removal forgets empty users") {
  StreamRegistry registry(1);
  auto a = stream(1, 1);
  auto b = stream(2, 2);
  CHECK(registry.add(a).empty());
  CHECK(registry.add(b).empty());
  CHECK(registry.user_count() == 2);
  CHECK(registry.stream_count() == 2);
  CHECK(registry.remove(*a));
  CHECK_FALSE(registry.remove(*a));
  CHECK(registry.user_count() == 1);
  CHECK(registry.of_user(1).empty());
  CHECK(registry.max_streams_of_any_user() == 1);
}

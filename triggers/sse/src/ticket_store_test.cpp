#include "ticket_store.h"

#include <catch2/catch.hpp>
#include <thread>

#include "test_redis.h"

using namespace kfn::sse;
using kfn::sse::testing::test_services;
using kfn::sse::testing::unique_prefix;

TEST_CASE("a ticket names its user once") {
  TicketStore tickets(test_services().redis(), unique_prefix(), std::chrono::seconds(30));
  auto const ticket = tickets.issue(42);
  CHECK(looks_like_ticket(ticket));  // 256 random bits
  CHECK(tickets.redeem(ticket) == 42);
  CHECK_FALSE(tickets.redeem(ticket));  // single use
}

TEST_CASE("forged, malformed and other deployments' tickets are refused") {
  auto& redis = test_services().redis();
  TicketStore ours(redis, unique_prefix(), std::chrono::seconds(30));
  TicketStore theirs(redis, unique_prefix(), std::chrono::seconds(30));
  CHECK_FALSE(ours.redeem(std::string(64, 'a')));
  CHECK_FALSE(ours.redeem("../../etc"));
  CHECK_FALSE(ours.redeem(""));
  CHECK_FALSE(ours.redeem(theirs.issue(1)));
}

TEST_CASE("Redis holds a ticket only under its hash, with the TTL") {
  auto& redis = test_services().redis();
  auto const prefix = unique_prefix();
  TicketStore tickets(redis, prefix, std::chrono::milliseconds(30'000));
  auto const ticket = tickets.issue(9);
  CHECK(redis.command({"EXISTS", prefix + "ticket:" + ticket}).integer == 0);
  auto const keys = redis.command({"KEYS", prefix + "ticket:*"});
  REQUIRE(keys.elements.size() == 1);
  auto const ttl = redis.command({"PTTL", keys.elements.front().str}).integer;
  CHECK(ttl > 0);
  CHECK(ttl <= 30'000);
}

TEST_CASE("an expired ticket is refused") {
  auto& redis = test_services().redis();
  auto const prefix = unique_prefix();
  TicketStore tickets(redis, prefix, std::chrono::milliseconds(1));
  auto const ticket = tickets.issue(9);
  // Redis expires the key by itself: wait for that observable fact, with a deadline.
  auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!redis.command({"KEYS", prefix + "ticket:*"}).elements.empty() &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::yield();
  }
  CHECK_FALSE(tickets.redeem(ticket));
}

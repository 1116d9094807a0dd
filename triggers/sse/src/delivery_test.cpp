#include "delivery.h"

#include <catch2/catch.hpp>

using namespace kfn::sse;

TEST_CASE("an EventDelivery record becomes a delivery with the offset as its id") {
  auto const now = std::chrono::system_clock::now();
  auto delivery = parse_delivery(
      R"({"recipient_id":5,"event":"message.sent","data":{"content":"hi\nthere"},"event_type":"EventDelivery"})",
      77, now);
  REQUIRE(delivery);
  CHECK(delivery->recipient_id == 5);
  CHECK(delivery->id == 77);
  CHECK(delivery->event == "message.sent");
  CHECK(delivery->data == R"({"content":"hi\nthere"})");  // one line: the newline stays escaped
  CHECK(delivery->event_time == now);
}

TEST_CASE("records that are not well-formed deliveries are skipped") {
  auto const now = std::chrono::system_clock::now();
  CHECK_FALSE(parse_delivery("not json", 1, now));
  CHECK_FALSE(parse_delivery(R"({"recipient_id":5,"notification":{}})", 1, now));  // NotificationCreated
  CHECK_FALSE(parse_delivery(R"({"recipient_id":"5","event":"x","data":{}})", 1, now));
  CHECK_FALSE(parse_delivery(R"({"recipient_id":0,"event":"x","data":{}})", 1, now));
  CHECK_FALSE(parse_delivery(R"({"recipient_id":5,"event":"bad\nname","data":{}})", 1, now));
}

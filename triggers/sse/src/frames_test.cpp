#include "frames.h"

#include <catch2/catch.hpp>

using namespace kfn::sse;

TEST_CASE("an event frame has id, event and one line of data, ended by a blank line") {
  CHECK(event_frame(42, "message.sent", R"({"id":1})") ==
        "id: 42\nevent: message.sent\ndata: {\"id\":1}\n\n");
  CHECK(event_frame(std::nullopt, "x", "{}") == "event: x\ndata: {}\n\n");
}

TEST_CASE("line breaks in an event or its data cannot split the frame or forge another") {
  auto const frame = event_frame(1, "a\nid: 9", "{}\n\nevent: forged\r\ndata: x");
  CHECK(frame == "id: 1\nevent: a id: 9\ndata: {}  event: forged  data: x\n\n");
}

TEST_CASE("retry, ping and reset frames") {
  CHECK(retry_frame(std::chrono::milliseconds(3000)) == "retry: 3000\n\n");
  CHECK(ping_frame() == ": ping\n\n");
  CHECK(reset_frame(17) == "id: 17\nevent: reset\ndata: {\"reason\":\"history_unavailable\"}\n\n");
  // Without history to continue from, the reset clears the client's last id.
  CHECK(reset_frame(std::nullopt).rfind("id\nevent: reset\n", 0) == 0);
}

TEST_CASE("an HTTP chunk carries its size in hex") {
  CHECK(chunk("hello") == "5\r\nhello\r\n");
  CHECK(chunk(std::string(26, 'x')) == "1a\r\n" + std::string(26, 'x') + "\r\n");
  CHECK(chunk("").empty());  // never the last chunk by accident
  CHECK(kLastChunk == "0\r\n\r\n");
}

TEST_CASE("event ids parse as non-negative decimals only") {
  CHECK(parse_event_id("0") == 0);
  CHECK(parse_event_id("123456") == 123456);
  CHECK_FALSE(parse_event_id(""));
  CHECK_FALSE(parse_event_id("-1"));
  CHECK_FALSE(parse_event_id("12a"));
  CHECK_FALSE(parse_event_id(" 12"));
  CHECK_FALSE(parse_event_id("9999999999999999999999"));
}

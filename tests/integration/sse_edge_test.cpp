// The SSE edge's protection of itself and its clients: slow clients are cut off at the queue bound
// while others keep receiving, events written from the edge's own threads never go to a connection
// that reused a closed one's descriptor, and SIGTERM ends every stream deliberately.
#include <catch2/catch.hpp>

#include "chat_test_support.h"
#include "sse_test_support.h"

using namespace sse_test;
using chat_test::befriend;
using chat_test::direct_room;
using kfn::test::register_and_login;

TEST_CASE("a client that stops reading is disconnected past the queue bound; the others keep receiving") {
  auto client = sse_runner().client();
  auto ann = register_and_login(*client, "so");
  auto hal = register_and_login(*client, "sh");
  befriend(*client, ann, hal);
  auto const room_id = direct_room(*client, ann, hal)["id"].get<std::int64_t>();

  auto reader = open_stream(ann);
  auto stuck = open_stream(hal, {}, 4096);  // reads its head, then never again
  double const drops_before = metric("kfn_sse_slow_client_drops_total");
  std::string const big(3900, 'x');
  int sent = 0;
  // Each message puts ~4 KiB into both streams; the stuck one's queue (64 KiB here) plus the socket
  // buffers fill within a few dozen. Stop as soon as the edge reports the drop.
  while (sent < 300 && metric("kfn_sse_slow_client_drops_total") <= drops_before) {
    REQUIRE(chat_test::send(*client, ann, room_id, big + std::to_string(sent)).status == 201);
    ++sent;
    auto const expected = big + std::to_string(sent - 1);
    REQUIRE(reader->read_until([&](auto const&) {
      auto const got = matching(*reader, "message.sent", "room_id", room_id);
      return !got.empty() && got.back().json()["content"] == expected;
    }));
  }
  CHECK(metric("kfn_sse_slow_client_drops_total") > drops_before);
  CHECK(matching(*reader, "message.sent", "room_id", room_id).size() == static_cast<std::size_t>(sent));
  CHECK(stuck->read_until_closed(std::chrono::seconds(30)));  // what was in flight, then the end
  CHECK(sse_runner().log().find("closed a slow stream") != std::string::npos);
}

TEST_CASE("a closed stream's events never reach the connection that took over its descriptor") {
  auto client = sse_runner().client();
  auto ivy = register_and_login(*client, "si");
  auto jon = register_and_login(*client, "sj");
  befriend(*client, ivy, jon);
  auto const room_id = direct_room(*client, ivy, jon)["id"].get<std::int64_t>();
  for (int round = 0; round < 5; ++round) {
    // Jon's stream closes; a stream of Ivy's opens at once (the server likely reuses the number).
    auto jons = open_stream(jon);
    jons->close();
    auto ivys = open_stream(ivy);
    auto const text = "for jon " + std::to_string(round);
    auto const sent = chat_test::call(*client, jon, "POST", chat_test::room_path("/messages/", room_id),
                                      {{"content", text}});
    REQUIRE(sent.status == 201);
    REQUIRE(ivys->read_until(
        [&](auto const&) { return !matching(*ivys, "message.sent", "content", text).empty(); }));
    // Only Ivy's own deliveries arrive: each frame was written for her.
    for (auto const& event : ivys->events()) {
      if (event.event != "message.sent") continue;
      CHECK(event.json()["room_id"] == room_id);
    }
    CHECK(matching(*ivys, "message.sent", "content", text).size() == 1);
  }
}

TEST_CASE("SIGTERM ends every stream with retry and the last chunk (Pistache would drop it abruptly)") {
  kfn::test::RunnerProcess runner;
  auto client = runner.client();
  auto kim = register_and_login(*client, "sk");
  kfn::test::SseClient stream(runner.port(), "/events", {{"Authorization", "Bearer " + kim.access_token}});
  REQUIRE(stream.read_head() == 200);
  REQUIRE(stream.read_until_text("retry: 3000\n\n"));
  auto const before = stream.raw_body().size();
  CHECK(runner.stop() == 0);
  REQUIRE(stream.read_until_closed());
  auto const tail = stream.raw_body().substr(before);
  CHECK(tail == "d\r\nretry: 3000\n\n\r\n0\r\n\r\n");
}

#include "event_stream.h"

#include <catch2/catch.hpp>

#include "frames.h"
#include "socket_pair.h"

using namespace kfn::sse;
using kfn::sse::testing::contains;
using kfn::sse::testing::read_until;
using kfn::sse::testing::SocketPair;
using Offer = EventStream::Offer;

namespace {

auto const kNow = EventStream::Clock::now();

}  // namespace

TEST_CASE("queued frames are written as HTTP chunks") {
  SocketPair pair;
  EventStream stream(1, 7, pair.server, true, 1 << 20);
  stream.finish_replay(std::nullopt);
  auto offered = stream.offer_event(5, event_frame(5, "message.sent", "{}"), kNow);
  CHECK(offered.offer == Offer::kQueued);
  CHECK(offered.wake);
  CHECK_FALSE(stream.offer_event(6, event_frame(6, "message.sent", "{}"), kNow).wake);  // already told
  auto flushed = stream.flush();
  CHECK_FALSE(flushed.failed);
  CHECK_FALSE(flushed.pending);
  CHECK(flushed.latencies.size() == 2);
  auto const expected =
      chunk(event_frame(5, "message.sent", "{}")) + chunk(event_frame(6, "message.sent", "{}"));
  CHECK(read_until(pair.client, [&](auto const& got) { return got.size() >= expected.size(); }) == expected);
  CHECK(stream.queued_bytes() == 0);
}

TEST_CASE("a queue that would pass its bound refuses, and the caller ends the stream") {
  SocketPair pair;
  EventStream stream(1, 7, pair.server, false, 100);
  stream.finish_replay(std::nullopt);
  CHECK(stream.offer(std::string(60, 'a')).offer == Offer::kQueued);
  CHECK(stream.offer(std::string(60, 'b')).offer == Offer::kOverflow);
  CHECK(stream.queued_bytes() == 60);
}

TEST_CASE("a client that stops reading fills the bound instead of the edge's memory") {
  SocketPair pair;
  int small = 4096;
  ::setsockopt(pair.server, SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
  EventStream stream(1, 7, pair.server, true, 64 * 1024);
  stream.finish_replay(std::nullopt);
  std::string const frame = event_frame(1, "message.sent", std::string(1000, 'x'));
  Offer last = Offer::kQueued;
  for (int i = 0; i < 1000 && last == Offer::kQueued; ++i) {
    last = stream.offer_event(i + 1, frame, kNow).offer;
    stream.flush();  // what the kernel takes goes; the rest stays queued
  }
  CHECK(last == Offer::kOverflow);
  CHECK(stream.queued_bytes() <= 64 * 1024);
}

TEST_CASE("live events wait behind the replay and ids the replay covered are not sent twice") {
  SocketPair pair;
  EventStream stream(1, 7, pair.server, false, 1 << 20);
  CHECK(stream.offer_event(11, event_frame(11, "e", "{}"), kNow).offer == Offer::kDeferred);
  CHECK(stream.offer_event(12, event_frame(12, "e", "{}"), kNow).offer == Offer::kDeferred);
  stream.offer(event_frame(10, "e", "{}"));  // the replay
  stream.offer(event_frame(11, "e", "{}"));
  auto offered = stream.finish_replay(11);
  CHECK(offered.offer == Offer::kQueued);
  CHECK(stream.offer_event(11, event_frame(11, "e", "{}"), kNow).offer == Offer::kSkipped);
  CHECK(stream.offer_event(13, event_frame(13, "e", "{}"), kNow).offer == Offer::kQueued);
  stream.flush();
  auto const expected = event_frame(10, "e", "{}") + event_frame(11, "e", "{}") + event_frame(12, "e", "{}") +
                        event_frame(13, "e", "{}");
  CHECK(read_until(pair.client, [&](auto const& got) { return got.size() >= expected.size(); }) == expected);
}

TEST_CASE("closing ends the chunked body with the farewell and the last chunk, once") {
  SocketPair pair;
  EventStream stream(1, 7, pair.server, true, 1 << 20);
  stream.finish_replay(std::nullopt);
  CHECK(stream.close(-1, retry_frame(std::chrono::milliseconds(3000))));
  CHECK_FALSE(stream.close(-1, "again"));
  auto const got = read_until(
      pair.client, [](auto const&) { return false; }, std::chrono::seconds(5));
  CHECK(got == chunk("retry: 3000\n\n") + "0\r\n\r\n");  // then EOF
  CHECK(stream.offer("late").offer == Offer::kClosed);
}

TEST_CASE("a closed stream never writes to a descriptor number that was reused (Pistache #5)") {
  SocketPair first;
  auto stream = std::make_shared<EventStream>(1, 7, first.server, false, 1 << 20);
  stream->finish_replay(std::nullopt);
  int const old_number = first.server;
  stream->close(-1, {});
  SocketPair second;  // the lowest free number: the one just closed
  REQUIRE((second.server == old_number || second.client == old_number));
  CHECK(stream->offer_event(1, event_frame(1, "message.sent", "{\"secret\":1}"), kNow).offer ==
        Offer::kClosed);
  stream->flush();
  int const other_end = second.server == old_number ? second.client : second.server;
  char byte = 0;
  CHECK(::recv(other_end, &byte, 1, MSG_DONTWAIT) < 0);  // flush is synchronous: nothing was written
  ::close(second.server);
}

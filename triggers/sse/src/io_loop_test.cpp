#include "io_loop.h"

#include <catch2/catch.hpp>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>

#include "frames.h"
#include "socket_pair.h"

using namespace kfn::sse;
using kfn::sse::testing::contains;
using kfn::sse::testing::read_until;
using kfn::sse::testing::SocketPair;

namespace {

// The loop's callbacks, recorded for the test thread.
struct Ended {
  std::mutex mutex;
  std::condition_variable changed;
  std::set<std::uint64_t> serials;
  std::map<std::uint64_t, EndReason> reasons;

  IoLoop::Callbacks callbacks(int const& epoll_fd) {
    return {[this, &epoll_fd](std::shared_ptr<EventStream> const& stream, EndReason reason) {
              stream->close(epoll_fd, {});
              std::lock_guard lock(mutex);
              serials.insert(stream->serial());
              reasons[stream->serial()] = reason;
              changed.notify_all();
            },
            nullptr, nullptr};
  }
  bool wait_for(std::uint64_t serial) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, std::chrono::seconds(10), [&] { return serials.count(serial) != 0; });
  }
};

std::shared_ptr<EventStream> open_stream(std::uint64_t serial, int fd, std::size_t bound = 1 << 20) {
  auto stream = std::make_shared<EventStream>(serial, 7, fd, false, bound);
  stream->finish_replay(std::nullopt);
  return stream;
}

}  // namespace

TEST_CASE("woken streams are written by the loop's thread") {
  Ended ended;
  int epoll_fd = -1;
  IoLoop loop(std::chrono::hours(1), ended.callbacks(epoll_fd));
  epoll_fd = loop.epoll_fd();
  loop.start();
  SocketPair pair;
  auto stream = open_stream(1, pair.server);
  loop.add(stream);
  auto offered = stream->offer(event_frame(1, "message.sent", "{}"));
  if (offered.wake) loop.wake(stream);
  auto got = read_until(pair.client, [](auto const& g) { return contains(g, "\n\n"); });
  CHECK(got == event_frame(1, "message.sent", "{}"));
  loop.stop();
}

TEST_CASE("a client that hangs up is noticed and its stream ended") {
  Ended ended;
  int epoll_fd = -1;
  IoLoop loop(std::chrono::hours(1), ended.callbacks(epoll_fd));
  epoll_fd = loop.epoll_fd();
  loop.start();
  SocketPair pair;
  auto stream = open_stream(3, pair.server);
  loop.add(stream);
  pair.close_client();
  REQUIRE(ended.wait_for(3));
  CHECK(ended.reasons[3] == EndReason::kClientClosed);
  CHECK(stream->closed());
  loop.stop();
}

TEST_CASE("idle streams get a ping comment every heartbeat") {
  Ended ended;
  int epoll_fd = -1;
  IoLoop loop(std::chrono::milliseconds(1), ended.callbacks(epoll_fd));
  epoll_fd = loop.epoll_fd();
  loop.start();
  SocketPair pair;
  auto stream = open_stream(4, pair.server);
  loop.add(stream);
  CHECK(contains(read_until(pair.client, [](auto const& g) { return contains(g, ": ping\n\n"); }),
                 ": ping\n\n"));
  loop.stop();
}

TEST_CASE("a stream whose client stops reading does not hold up the others") {
  Ended ended;
  int epoll_fd = -1;
  IoLoop loop(std::chrono::hours(1), ended.callbacks(epoll_fd));
  epoll_fd = loop.epoll_fd();
  loop.start();
  SocketPair stuck;
  SocketPair reading;
  int small = 4096;
  ::setsockopt(stuck.server, SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
  auto slow = open_stream(5, stuck.server, 32 * 1024);
  auto fast = open_stream(6, reading.server, 32 * 1024);
  loop.add(slow);
  loop.add(fast);
  std::string const frame = event_frame(1, "message.sent", std::string(1000, 'x'));
  std::size_t sent_to_fast = 0;
  std::string received;
  bool overflowed = false;
  for (int i = 0; i < 400; ++i) {
    auto offered = slow->offer(frame);
    if (offered.offer == EventStream::Offer::kOverflow) overflowed = true;
    if (offered.wake) loop.wake(slow);
    offered = fast->offer(frame);
    REQUIRE(offered.offer == EventStream::Offer::kQueued);
    if (offered.wake) loop.wake(fast);
    sent_to_fast += frame.size();
    received +=
        read_until(reading.client, [&](auto const& g) { return received.size() + g.size() >= sent_to_fast; });
  }
  CHECK(overflowed);  // the stuck one passed its bound; the owner would end it
  CHECK(received.size() == sent_to_fast);
  loop.stop();
}

#include "peer_release.h"

#include <sys/timerfd.h>
#include <unistd.h>

#include <chrono>
#include <exception>

namespace kfn::http {
namespace {

using Pistache::Tcp::Peer;
using Pistache::Tcp::Transport;

// Pistache 0.0.5 declares removePeer and peers protected and offers no public way to drop a peer.
// A pointer to a protected member, formed inside a class derived from Transport, is the language's
// own way to reach them (C++20 [class.protected]); Pistache stays as Debian ships it. The class is
// never instantiated.
struct TransportAccess : Transport {
  static auto remove_peer() { return &TransportAccess::removePeer; }
  static auto peer_map() { return &TransportAccess::peers; }
};

// The timer's descriptor lives exactly as long as the promise's callbacks: closed after they ran
// on the reactor, or with the transport when the reactor stopped before the timer fired.
struct TimerFd {
  int fd = ::timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  TimerFd() = default;
  TimerFd(TimerFd const&) = delete;
  TimerFd& operator=(TimerFd const&) = delete;
  ~TimerFd() {
    if (fd >= 0) ::close(fd);
  }
};

// On the peer's reactor thread, so Pistache's unsynchronised peer map and epoll set are touched
// only by their owner. Pistache keys peers by fd number: the map's entry must still be this very
// peer, since a number closed by Pistache (the client left) may already belong to a new connection.
void drop_on_reactor(Transport& transport, std::weak_ptr<Peer> const& weak) {
  auto const peer = weak.lock();
  if (!peer) return;
  auto& peers = transport.*TransportAccess::peer_map();
  auto const it = peers.find(peer->fd());
  if (it == peers.end() || it->second != peer) return;
  try {
    (transport.*TransportAccess::remove_peer())(peer);
  } catch (std::exception const&) {  // NOLINT(bugprone-empty-catch): already gone from the epoll set
  }
}

}  // namespace

// Transport::armTimer is Pistache's one public, thread-safe way into a reactor thread: from another
// thread it queues the timer for the reactor, which arms it and resolves the promise when it fires,
// on its own thread. The continuation is attached before the timer is armed, so it can only run
// there (a promise already resolved would run it here, on the caller's thread). The removal is never
// done inline, even on the reactor thread: Pistache may be inside its read loop for this very peer.
//
// Should anything fail, Pistache keeps the peer until its keep-alive timeout closes its descriptor,
// as before: a second descriptor for a while, and the stream unharmed.
void release_peer(Transport& transport, std::shared_ptr<Peer> const& peer) {
  auto timer = std::make_shared<TimerFd>();
  if (timer->fd < 0) return;
  Pistache::Async::Deferred<std::uint64_t> fired;
  Pistache::Async::Promise<std::uint64_t> on_reactor(
      [&fired](Pistache::Async::Deferred<std::uint64_t> deferred) { fired = std::move(deferred); });
  on_reactor.then([&transport, weak = std::weak_ptr<Peer>(peer),
                   timer](std::uint64_t) { drop_on_reactor(transport, weak); },
                  [timer](std::exception_ptr&) {});
  try {
    transport.armTimer(timer->fd, std::chrono::milliseconds(1), std::move(fired));
  } catch (std::exception const&) {  // NOLINT(bugprone-empty-catch): the keep-alive timeout will do
  }
}

}  // namespace kfn::http

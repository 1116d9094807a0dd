// Makes Pistache forget a connection whose socket a mounted route has taken over, so an event
// stream costs the process one descriptor (the taker's dup) instead of two.
#pragma once

#include <pistache/peer.h>
#include <pistache/transport.h>

#include <memory>

namespace kfn::http {

// Asks `transport`'s reactor thread to remove `peer` from its epoll and its peer map and to close
// Pistache's descriptor for it; the socket stays open through the taker's dup. Returns at once.
// Thread-safe: call from any thread. `transport` must be the peer's own transport (the one its
// reactor thread runs) and must outlive the reactor thread. Nothing happens when Pistache has
// dropped the peer first (the client left), and never to another connection that got its fd number.
void release_peer(Pistache::Tcp::Transport& transport, std::shared_ptr<Pistache::Tcp::Peer> const& peer);

}  // namespace kfn::http

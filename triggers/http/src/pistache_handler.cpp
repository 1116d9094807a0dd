#include "pistache_handler.h"

#include <fcntl.h>
#include <pistache/peer.h>
#include <pistache/stream.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <exception>
#include <optional>
#include <string>

#include "keep_alive.h"
#include "peer_release.h"
#include "pistache_bridge.h"
#include "wire_response.h"

namespace kfn::http {
namespace {

// Answers on the connection the request came from, from whichever thread finishes it.
//
// Pistache 0.0.5's ResponseWriter is bypassed on purpose: it adds "Connection: Close" to every
// response whose request had no Connection header (so plain HTTP/1.1 clients reconnect per
// request), and the promise its send() returns is resolved by the reactor without a lock, so a
// worker thread cannot safely wait on it.
//
// The bytes go straight to the socket: the connection has no other request in flight (HTTP/1.1
// without pipelining), so nothing else writes to it, and handing the write to the reactor would
// cost a cross-thread wakeup per response. Only what the socket does not take at once is queued
// on the reactor (Peer::send), whose promise is resolved under its lock once written.
class PistacheSink final : public ResponseSink {
 public:
  PistacheSink(Pistache::Tcp::Transport& transport, std::weak_ptr<Pistache::Tcp::Peer> peer, bool http_1_1,
               bool client_keep_alive)
      : transport_(transport),
        peer_(std::move(peer)),
        http_1_1_(http_1_1),
        client_keep_alive_(client_keep_alive) {}

  void send(HttpResponse const& response, bool server_keep_alive,
            std::shared_ptr<InFlight::Ticket> ticket) override {
    if (taken_over_) return;  // the mounted route owns the connection now
    auto peer = peer_.lock();
    if (!peer) return;  // the client went away; the ticket goes with this call
    try {
      auto bytes = serialize_response(response, http_1_1_, client_keep_alive_ && server_keep_alive);
      // Pistache measures keep-alive idleness only for peers marked idle, as its own send does.
      peer->setIdle(true);
      auto sent = ::send(peer->fd(), bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
      if (sent == static_cast<ssize_t>(bytes.size())) return;
      if (sent < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return;  // reset: the reactor sees it
      queue_rest(*peer, bytes.substr(static_cast<std::size_t>(std::max<ssize_t>(sent, 0))), ticket);
    } catch (std::exception const&) {  // NOLINT(bugprone-empty-catch): the connection is gone
    }
  }

  // The taker gets its own descriptor, so Pistache closing its fd (client close, release_peer)
  // neither closes the socket under the taker nor lets a reused fd number receive the taker's bytes.
  // Pistache's peer is then released on its reactor thread, so a stream costs one descriptor, not
  // two until the keep-alive timeout (the fd limit is what bounds the streams one process holds).
  // Until then the peer is marked idle: Pistache 0.0.5 answers a peer whose request is still "in
  // progress" past the header timeout with "HTTP/1.1 408", which would land inside the stream's body;
  // an idle peer is only closed (its fd, not the socket).
  // The head goes out with a blocking-free send on a connection that has nothing else queued; a
  // socket that will not take a few hundred bytes at once is treated as gone.
  int take_over(std::string const& head) override {
    auto peer = peer_.lock();
    if (!peer || taken_over_) return -1;
    taken_over_ = true;
    int const fd = ::fcntl(peer->fd(), F_DUPFD_CLOEXEC, 0);
    if (fd < 0) return -1;
    peer->setIdle(true);
    auto const sent = ::send(fd, head.data(), head.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (sent != static_cast<ssize_t>(head.size())) {
      ::shutdown(fd, SHUT_RDWR);
      ::close(fd);
      return -1;
    }
    release_peer(transport_, peer);
    return fd;
  }

  [[nodiscard]] bool http_1_1() const override { return http_1_1_; }

 private:
  // The ticket stays in the callbacks until the reactor has written the bytes (or given up), so a
  // graceful stop never shuts a reactor down under a response still queued.
  static void queue_rest(Pistache::Tcp::Peer& peer, std::string rest,
                         std::shared_ptr<InFlight::Ticket> const& ticket) {
    auto size = rest.size();
    peer.send(Pistache::RawBuffer(std::move(rest), size))
        .then([ticket](ssize_t) {}, [ticket](std::exception_ptr&) {});
  }

  Pistache::Tcp::Transport& transport_;  // the peer's; outlives the workers (Server::stop)
  std::weak_ptr<Pistache::Tcp::Peer> peer_;
  bool http_1_1_;
  bool client_keep_alive_;
  bool taken_over_ = false;  // only the worker finishing the request touches it
};

}  // namespace

void PistacheHandler::onRequest(Pistache::Http::Request const& request,
                                Pistache::Http::ResponseWriter writer) {
  std::optional<std::string> connection;
  if (auto raw = request.headers().tryGetRaw("Connection")) connection = raw->value();
  bool http_1_1 = request.version() == Pistache::Http::Version::Http11;
  // This clone's transport is the one whose reactor thread owns the peer (we are on that thread).
  auto sink = std::make_shared<PistacheSink>(*transport(), writer.peer(), http_1_1,
                                             client_wants_keep_alive(http_1_1, connection));
  pipeline_->handle(to_kfn_request(request), std::move(sink));
}

}  // namespace kfn::http

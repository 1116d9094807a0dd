// The parts of the SSE edge and how a stream opens, lives and ends. Threads: HTTP workers open
// streams and issue tickets; the delivery consumer appends to history and offers frames; the I/O
// loop writes and notices closes; the presence thread talks to Redis and Kafka about presence.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "delivery_consumer.h"
#include "edge_metrics.h"
#include "event_stream.h"
#include "history.h"
#include "io_loop.h"
#include "kfn/sse/edge.h"
#include "presence.h"
#include "stream_registry.h"
#include "ticket_store.h"

namespace kfn::sse {

struct Edge::Impl {
  Impl(kfn::host::Services& services, kfn::host::MetricsRegistry& registry, std::shared_ptr<Logger> log,
       EdgeOptions options, std::string edge_id);
  ~Impl();

  HttpResponse open_stream(HttpRequest const& request, Identity const* caller,
                           kfn::http::Connection& connection);
  HttpResponse issue_ticket(Identity const& caller);
  void deliver(std::vector<Delivery> const& batch);
  // The one way a stream ends: closed once, unregistered, presence told, counted.
  void end_stream(std::shared_ptr<EventStream> const& stream, EndReason reason);
  void start();
  void stop();

  EdgeOptions const options;
  std::string const edge_id;
  std::shared_ptr<Logger> log;
  EdgeMetrics metrics;
  TicketStore tickets;
  HistoryStore history;
  StreamRegistry registry;
  IoLoop io;
  Presence presence;
  DeliveryConsumer consumer;
  std::atomic<std::uint64_t> next_serial{1};
  std::atomic<bool> accepting{false};
  bool started = false;

 private:
  std::optional<std::int64_t> stream_user(HttpRequest const& request, Identity const* caller);
  void resume(std::shared_ptr<EventStream> const& stream, std::optional<std::int64_t> last_id, bool asked);
  void offer(std::shared_ptr<EventStream> const& stream, EventStream::Offered offered);
  void refresh_gauges();
};

}  // namespace kfn::sse

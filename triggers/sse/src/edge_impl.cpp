#include "edge_impl.h"

#include <sys/socket.h>

#include "frames.h"
#include "kfn/errors.h"

namespace kfn::sse {
namespace {

// Kernel send buffer per stream: enough for bursts on a slow link, and it bounds what the kernel
// holds beyond our own queue (autotuning could otherwise grow it to megabytes per stream).
constexpr int kSocketSendBuffer = 64 * 1024;

HttpResponse unauthorized() {
  auto response = kfn::error_response(401, "unauthorized", "a valid ticket or bearer token is required");
  response.headers.set("WWW-Authenticate", "Bearer");
  return response;
}

HttpResponse unavailable(char const* why) {
  auto response = kfn::error_response(503, "unavailable", why);
  response.headers.set("Retry-After", "1");
  return response;
}

HttpResponse stream_head() {
  HttpResponse head;
  head.status = 200;
  head.headers.set("Content-Type", "text/event-stream; charset=utf-8");
  head.headers.set("Cache-Control", "no-cache");
  head.headers.set("X-Accel-Buffering", "no");
  return head;
}

}  // namespace

Edge::Impl::Impl(kfn::host::Services& services, kfn::host::MetricsRegistry& metrics_registry,
                 std::shared_ptr<Logger> logger, EdgeOptions opts, std::string id)
    : options(std::move(opts)),
      edge_id(std::move(id)),
      log(std::move(logger)),
      metrics(metrics_registry),
      tickets(services.redis(), options.key_prefix, options.trigger.ticket_ttl),
      history(services.redis(), options.key_prefix, static_cast<std::size_t>(options.trigger.history_events),
              options.trigger.history_ttl),
      registry(static_cast<std::size_t>(options.trigger.max_streams_per_user)),
      io(options.trigger.heartbeat, {[this](std::shared_ptr<EventStream> const& stream, EndReason reason) {
                                       end_stream(stream, reason);
                                     },
                                     [this](std::vector<double> const& latencies) {
                                       for (double seconds : latencies)
                                         metrics.delivery_latency.observe(seconds);
                                     },
                                     [this] { refresh_gauges(); }}),
      presence(
          services.redis(), services.publisher(),
          {options.key_prefix, edge_id, options.function_name, options.trigger.presence_topic,
           options.trigger.heartbeat},
          [this](std::int64_t user) { return registry.count_of(user); }, *log),
      consumer(
          {options.kafka_brokers, options.trigger.topic, options.function_name + "-" + edge_id,
           options.fetch_wait},
          [this](std::vector<Delivery> const& batch) { deliver(batch); }, *log) {}

Edge::Impl::~Impl() { stop(); }

void Edge::Impl::start() {
  if (started) return;
  started = true;
  io.start();
  presence.start();
  consumer.start(std::chrono::seconds(30));
  accepting.store(true);
  log->info("sse edge started",
            {{"edge", edge_id}, {"path", options.trigger.path}, {"topic", options.trigger.topic}});
}

void Edge::Impl::stop() {
  if (!started) return;
  started = false;
  accepting.store(false);
  consumer.stop();
  // Deliberate ends: "retry:" and the last chunk, so each client reconnects (to another edge) at once,
  // rather than the abrupt close Pistache's Endpoint::shutdown() would give.
  for (auto const& stream : registry.all()) end_stream(stream, EndReason::kServerStopping);
  io.stop();
  presence.stop();  // every user this edge held goes offline
  log->info("sse edge stopped", {{"edge", edge_id}});
}

std::optional<std::int64_t> Edge::Impl::stream_user(HttpRequest const& request, Identity const* caller) {
  if (caller != nullptr) return caller->user_id;
  auto const ticket = request.query_param("ticket");
  if (!ticket) return std::nullopt;
  return tickets.redeem(*ticket);  // never logged
}

HttpResponse Edge::Impl::open_stream(HttpRequest const& request, Identity const* caller,
                                     kfn::http::Connection& connection) {
  if (!accepting.load()) return unavailable("the event stream is not accepting connections");
  std::optional<std::int64_t> user;
  try {
    user = stream_user(request, caller);
  } catch (kfn::Unavailable const&) {
    return unavailable("the ticket store is unavailable");
  }
  if (!user) {
    metrics.tickets_refused.add();
    return unauthorized();
  }
  std::optional<std::string> last_text;
  if (auto header = request.headers.get("Last-Event-ID"))
    last_text = std::string(*header);
  else
    last_text = request.query_param("last_event_id");
  std::optional<std::int64_t> last_id;
  bool const asked = last_text.has_value() && !last_text->empty();
  if (asked) last_id = parse_event_id(*last_text).value_or(-1);  // unknown: answered with a reset

  int const fd = connection.take_over(stream_head());
  if (fd < 0) return stream_head();  // the client left before its stream opened
  ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &kSocketSendBuffer, sizeof kSocketSendBuffer);
  auto stream = std::make_shared<EventStream>(next_serial.fetch_add(1), *user, fd, connection.http_1_1(),
                                              options.trigger.max_queue_bytes);
  stream->offer(retry_frame(options.trigger.retry));
  for (auto const& old : registry.add(stream)) end_stream(old, EndReason::kPushedOut);
  io.add(stream);  // from here the loop writes what is queued and notices the client leaving
  metrics.streams_opened.add();
  presence.changed(*user);
  resume(stream, last_id, asked);
  return stream_head();  // discarded: the connection is the stream's now
}

// Live events that arrive meanwhile wait in the stream's gate, so the replay and the live events
// meet without a gap or a duplicate (the gate drops ids the replay covered).
void Edge::Impl::resume(std::shared_ptr<EventStream> const& stream, std::optional<std::int64_t> last_id,
                        bool asked) {
  ResumePlan plan;
  try {
    plan = history.resume(stream->user_id(), last_id, options.trigger.max_queue_bytes / 2);
  } catch (std::exception const& e) {
    log->warn("sse: history unavailable, resetting the stream",
              {{"user_id", stream->user_id()}, {"error", e.what()}});
    plan.reset = asked;
  }
  if (plan.reset) {
    metrics.resets.add();
    offer(stream, stream->offer(reset_frame(plan.reset_id)));
  } else if (asked) {
    metrics.resumes.add();
    metrics.replayed_events.add(static_cast<double>(plan.replay.size()));
    for (auto const& event : plan.replay)
      offer(stream, stream->offer(event_frame(event.id, event.event, event.data)));
  }
  offer(stream, stream->finish_replay(plan.delivered_through));
}

void Edge::Impl::offer(std::shared_ptr<EventStream> const& stream, EventStream::Offered offered) {
  if (offered.offer == EventStream::Offer::kOverflow) return end_stream(stream, EndReason::kSlowClient);
  if (offered.offer == EventStream::Offer::kQueued) metrics.deliveries.add();
  if (offered.wake) io.wake(stream);
}

HttpResponse Edge::Impl::issue_ticket(Identity const& caller) {
  if (!accepting.load()) return unavailable("the event stream is not accepting connections");
  std::string ticket;
  try {
    ticket = tickets.issue(caller.user_id);
  } catch (kfn::Unavailable const&) {
    return unavailable("the ticket store is unavailable");
  }
  metrics.tickets_issued.add();
  auto const ttl_seconds = std::chrono::duration_cast<std::chrono::seconds>(tickets.ttl()).count();
  auto response = kfn::json_response(201, {{"ticket", std::move(ticket)}, {"expires_in", ttl_seconds}});
  response.headers.set("Cache-Control", "no-store");
  return response;
}

// History first (one round trip for the batch), so a stream that opens meanwhile and replays
// finds every event its gate will drop; then each delivery is framed once and offered to the
// recipient's streams, which only queues: the I/O thread writes.
void Edge::Impl::deliver(std::vector<Delivery> const& batch) {
  std::vector<std::pair<std::int64_t, StoredEvent>> stored;
  stored.reserve(batch.size());
  for (auto const& delivery : batch)
    stored.push_back({delivery.recipient_id, {delivery.id, delivery.event, delivery.data}});
  try {
    history.append_all(stored);
  } catch (std::exception const& e) {
    metrics.history_errors.add(static_cast<double>(batch.size()));
    log->warn("sse: history write failed; live streams still get the events",
              {{"count", batch.size()}, {"error", e.what()}});
  }
  auto const system_now = std::chrono::system_clock::now();
  auto const steady_now = EventStream::Clock::now();
  for (auto const& delivery : batch) {
    auto const streams = registry.of_user(delivery.recipient_id);
    if (streams.empty()) continue;
    auto const frame = event_frame(delivery.id, delivery.event, delivery.data);
    // The record's wall-clock time on the steady clock the streams measure with.
    auto const event_time = steady_now - std::chrono::duration_cast<EventStream::Clock::duration>(
                                             system_now - delivery.event_time);
    for (auto const& stream : streams) offer(stream, stream->offer_event(delivery.id, frame, event_time));
  }
}

void Edge::Impl::end_stream(std::shared_ptr<EventStream> const& stream, EndReason reason) {
  auto const farewell =
      reason == EndReason::kServerStopping ? retry_frame(options.trigger.retry) : std::string();
  auto const unsent = stream->queued_bytes();
  if (!stream->close(io.epoll_fd(), farewell)) return;  // ended already
  io.forget(stream->serial());
  registry.remove(*stream);
  presence.changed(stream->user_id());
  if (reason == EndReason::kSlowClient) {
    metrics.slow_client_drops.add();
    log->warn("sse: closed a slow stream", {{"user_id", stream->user_id()},
                                            {"unsent_bytes", unsent},
                                            {"limit_bytes", options.trigger.max_queue_bytes}});
  } else if (reason == EndReason::kPushedOut) {
    metrics.pushed_out.add();
  }
}

// Once a second on the I/O thread: these walk every stream, too much for each open and close.
void Edge::Impl::refresh_gauges() {
  std::size_t queued = 0;
  for (auto const& stream : registry.all()) queued += stream->queued_bytes();
  metrics.queued_bytes.set(static_cast<double>(queued));
  metrics.open_streams.set(static_cast<double>(registry.stream_count()));
  metrics.connected_users.set(static_cast<double>(registry.user_count()));
  metrics.max_streams_per_user.set(static_cast<double>(registry.max_streams_of_any_user()));
}

}  // namespace kfn::sse

#include "edge_metrics.h"

namespace kfn::sse {

EdgeMetrics::EdgeMetrics(kfn::host::MetricsRegistry& r)
    : open_streams(r.gauge("kfn_sse_open_streams", "Event streams open on this process")),
      connected_users(
          r.gauge("kfn_sse_connected_users", "Users with at least one open stream on this process")),
      max_streams_per_user(
          r.gauge("kfn_sse_max_streams_per_user", "Most streams any one user has open here")),
      queued_bytes(r.gauge("kfn_sse_queued_bytes", "Bytes queued to streams and not yet written")),
      streams_opened(r.counter("kfn_sse_streams_opened_total", "Event streams opened")),
      deliveries(r.counter("kfn_sse_deliveries_total", "Events queued to open streams")),
      slow_client_drops(r.counter("kfn_sse_slow_client_drops_total",
                                  "Streams closed because their unsent backlog passed the bound")),
      pushed_out(
          r.counter("kfn_sse_pushed_out_total", "Streams closed because their user opened one too many")),
      resumes(r.counter("kfn_sse_resumes_total", "Streams that resumed from Last-Event-ID")),
      resets(r.counter("kfn_sse_resets_total", "Streams that started with event: reset")),
      replayed_events(r.counter("kfn_sse_replayed_events_total", "Events replayed to resuming streams")),
      history_errors(r.counter("kfn_sse_history_errors_total", "Deliveries whose history write failed")),
      tickets_issued(r.counter("kfn_sse_tickets_issued_total", "Stream tickets issued")),
      tickets_refused(r.counter("kfn_sse_tickets_refused_total",
                                "Stream requests refused for want of a valid ticket or token")),
      delivery_latency(r.histogram("kfn_sse_delivery_latency_seconds",
                                   "From the delivery record's time to its frame written to the socket")) {}

}  // namespace kfn::sse

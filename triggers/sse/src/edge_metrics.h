// The edge's series in the process's metrics registry (rendered on /metrics).
#pragma once

#include "kfn/host/metrics_registry.h"

namespace kfn::sse {

struct EdgeMetrics {
  explicit EdgeMetrics(kfn::host::MetricsRegistry& registry);

  kfn::host::Gauge& open_streams;
  kfn::host::Gauge& connected_users;
  kfn::host::Gauge& max_streams_per_user;  // refreshed when streams open or end
  kfn::host::Gauge& queued_bytes;          // unsent bytes over all streams, refreshed by the I/O tick
  kfn::host::Counter& streams_opened;
  kfn::host::Counter& deliveries;         // frames queued to streams
  kfn::host::Counter& slow_client_drops;  // streams ended for passing the queue bound
  kfn::host::Counter& pushed_out;         // streams ended by the per-user cap
  kfn::host::Counter& resumes;            // streams that replayed after Last-Event-ID
  kfn::host::Counter& resets;             // streams that got event: reset
  kfn::host::Counter& replayed_events;
  kfn::host::Counter& history_errors;  // deliveries whose history write failed
  kfn::host::Counter& tickets_issued;
  kfn::host::Counter& tickets_refused;
  kfn::host::Histogram& delivery_latency;  // record time -> frame written to the socket
};

}  // namespace kfn::sse

#!/usr/bin/python3
"""Where a fan-out benchmark's time went, from the runner's /metrics (tests/bench/sse_fanout_bench.sh).

    stage_metrics.py BEFORE AFTER MID...

BEFORE and AFTER are /metrics snapshots taken around the load; each MID is one taken during it.
Prints, for the load alone (AFTER - BEFORE), the p50/p99 of each stage's histogram (the upper bound
of the bucket the quantile falls in), and the largest mid-load value of each backlog gauge: how far
each stage fell behind while the load ran.
"""
import re
import sys

LINE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$')
LABEL = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')

# (title, histogram, label that must match): the path of one chat message, in order.
STAGES = [
    ("send: HTTP request (runner's view)", "kfn_http_request_duration_seconds", {"function": "chat-message-send"}),
    ("send: function invocation", "kfn_invocation_duration_seconds", {"function": "chat-message-send"}),
    ("notify-push: invocation (incl. group commit)", "kfn_invocation_duration_seconds", {"function": "notify-push"}),
    ("edge: delivery record time -> frame written", "kfn_sse_delivery_latency_seconds", {}),
]
# (title, counter, label that must match): how much each Kafka-triggered function ran and passed over.
COUNTERS = [
    ("notify-push records handled", "kfn_kafka_records_handled_total", {"function": "notify-push"}),
    ("notify-webhook records handled", "kfn_kafka_records_handled_total", {"function": "notify-webhook"}),
    ("notify-webhook records passed over (event_types)", "kfn_kafka_records_skipped_total",
     {"function": "notify-webhook"}),
]
# (title, gauge, label that must match): summed over the matching series.
BACKLOGS = [
    ("HTTP requests queued for a worker", "kfn_http_queued_requests", {}),
    ("notify-push records received, not yet committable", "kfn_kafka_in_flight_records", {"function": "notify-push"}),
    ("notify-push consumer lag", "kfn_kafka_consumer_lag", {"function": "notify-push"}),
    ("outbox rows not yet relayed", "kfn_outbox_backlog", {}),
    ("records waiting in the producer", "kfn_kafka_producer_queue", {}),
    ("SSE bytes queued for slow sockets", "kfn_sse_queued_bytes", {}),
]


def parse(path):
    samples = []
    for line in open(path):
        match = LINE.match(line.strip())
        if match:
            labels = dict(LABEL.findall(match.group(2) or ""))
            samples.append((match.group(1), labels, float(match.group(3))))
    return samples


def matches(labels, wanted):
    return all(labels.get(k) == v for k, v in wanted.items())


def buckets(samples, name, wanted):
    """{upper bound: cumulative count}, summed over the matching series."""
    out = {}
    for metric, labels, value in samples:
        if metric == name + "_bucket" and matches(labels, wanted):
            bound = float("inf") if labels["le"] == "+Inf" else float(labels["le"])
            out[bound] = out.get(bound, 0) + value
    return out


def quantile(cumulative, q):
    total = cumulative.get(float("inf"), 0)
    if total <= 0:
        return None
    for bound in sorted(cumulative):
        if cumulative[bound] >= q * total:
            return bound
    return None


def show(bound):
    if bound is None:
        return "-"
    return "> 10 s" if bound == float("inf") else f"<= {bound * 1000:g} ms"


def main():
    before, after, mids = parse(sys.argv[1]), parse(sys.argv[2]), [parse(p) for p in sys.argv[3:]]
    print("stages during the load (p50 / p99 / count):")
    for title, name, wanted in STAGES:
        start, end = buckets(before, name, wanted), buckets(after, name, wanted)
        delta = {bound: end[bound] - start.get(bound, 0) for bound in end}
        count = int(delta.get(float("inf"), 0))
        print(f"  {title:48} {show(quantile(delta, 0.5)):>12} / {show(quantile(delta, 0.99)):>12} / {count}")
    print("records during the load and the drain:")
    for title, name, wanted in COUNTERS:
        total = lambda samples: sum(v for m, labels, v in samples if m == name and matches(labels, wanted))
        print(f"  {title:48} {total(after) - total(before):>12g}")
    print("backlogs mid-load (largest of the snapshots):")
    for title, name, wanted in BACKLOGS:
        values = [sum(v for m, labels, v in snapshot if m == name and matches(labels, wanted)) for snapshot in mids]
        print(f"  {title:48} {max(values, default=0):>12g}")


if __name__ == "__main__":
    main()

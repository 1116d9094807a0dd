#!/bin/bash
# SSE edge benchmark: how many idle streams one edge process holds and its RSS per stream, then the
# fan-out latency for USERS users in rooms of 10 at RATE messages/s (10 deliveries per message),
# measured by the load client (publish -> received) and by the edge's own histogram.
#
#   REDIS_URL=redis://127.0.0.1:6379 bash tests/bench/sse_bench.sh build 1000 10
#
# Runs `kfn run --function edge-events` (the edge alone, embedded mock Kafka), a Python load client
# (tests/bench/sse_load.py) and kcat as the producer. Raises the fd limit to the hard limit: each stream
# costs the edge one descriptor (the HTTP trigger releases Pistache's own right after the take-over),
# so 10,000 streams fit under this container's hard limit of 20,000. The fan-out here publishes the
# EventDelivery records directly; tests/bench/sse_fanout_bench.sh sends real messages through the app.
set -euo pipefail
BUILD=${1:-build}
USERS=${2:-900}
PER_USER=${3:-10}
RATE=${RATE:-1000}
SECONDS_OF_LOAD=${SECONDS_OF_LOAD:-10}
REDIS_URL=${REDIS_URL:-${KFN_TEST_REDIS_URL:?set REDIS_URL}}
export REDIS_URL
export KFN_JWT_SECRET=sse-bench-secret-0123456789abcdef0123456789
ulimit -n "$(ulimit -Hn)"
here=$(cd "$(dirname "$0")" && pwd)
state=$(mktemp -d)
"$BUILD/bin/kfn" run --function edge-events --port 0 --state-dir "$state" --schema-prefix "bench$$_" \
  > "$state/out" 2> "$state/err" &
edge=$!
trap 'kill $edge 2>/dev/null; wait $edge 2>/dev/null; rm -rf "$state"' EXIT
for _ in $(seq 1 600); do grep -q "listening on" "$state/out" && break; sleep 0.1; done
port=$(sed -n 's#listening on http://.*:\([0-9]*\)#\1#p' "$state/out")
bootstrap=$(sed -n 's#kafka bootstrap ##p' "$state/out")
rss_kib() { awk '/VmRSS/{print $2}' "/proc/$edge/status"; }

echo "== hold: $USERS users x $PER_USER streams"
before=$(rss_kib)
coproc HOLD { /usr/bin/python3 "$here/sse_load.py" hold "$port" "$KFN_JWT_SECRET" "$USERS" "$PER_USER"; }
read -r _ opened <&"${HOLD[0]}"
after=$(rss_kib)
cpu_before=$(awk '{print $14+$15}' "/proc/$edge/stat")
sleep 10  # idle: pings and presence renewals only
cpu_after=$(awk '{print $14+$15}' "/proc/$edge/stat")
metrics=$(curl -s "http://127.0.0.1:$port/metrics" | grep -E '^kfn_sse_(open_streams|connected_users) ')
echo "streams open: $opened"
echo "edge descriptors open: $(ls "/proc/$edge/fd" | wc -l)"
echo "$metrics"
echo "rss before: ${before} KiB, after: ${after} KiB, per stream: $(( (after - before) * 1024 / (opened > 0 ? opened : 1) )) bytes"
echo "idle cpu: $(( (cpu_after - cpu_before) * 10 )) ms per 10 s"
exec {HOLD[1]}>&-
wait "$HOLD_PID" || true

echo "== fan-out: $USERS users in rooms of 10, $RATE messages/s for $SECONDS_OF_LOAD s"
coproc LAT { /usr/bin/python3 "$here/sse_load.py" latency "$port" "$KFN_JWT_SECRET" "$USERS" 1; }
read -r _ opened <&"${LAT[0]}"
echo "streams open: $opened"
/usr/bin/python3 - "$USERS" "$RATE" "$SECONDS_OF_LOAD" <<'PY' | kcat -P -b "$bootstrap" -t notification.events -K $'\t' -X linger.ms=1
import json, sys, time
users, rate, seconds = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
rooms = users // 10
start = time.time()
for n in range(rate * seconds):
    while time.time() < start + n / rate:
        time.sleep(0.0005)
    room = n % rooms
    sent = time.time_ns()
    for member in range(room * 10 + 1, room * 10 + 11):
        data = {"room_id": room + 1, "seq": n, "content": "bench", "sent_at_ns": sent}
        value = {"recipient_id": member, "event": "message.sent", "data": data, "event_type": "EventDelivery"}
        sys.stdout.write(f"{member}\t{json.dumps(value, separators=(',', ':'))}\n")
    sys.stdout.flush()
PY
sleep 3  # let the last deliveries drain before asking for the numbers
exec {LAT[1]}>&-
cat <&"${LAT[0]}" || true
curl -s "http://127.0.0.1:$port/metrics" | grep -E '^kfn_sse_(deliveries_total|delivery_latency_seconds_(count|sum)|slow_client_drops_total) '
curl -s "http://127.0.0.1:$port/metrics" | grep -E '^kfn_sse_delivery_latency_seconds_bucket' | tr '\n' ' '; echo

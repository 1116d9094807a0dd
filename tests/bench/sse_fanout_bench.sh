#!/usr/bin/env bash
# SSE fan-out benchmark through the whole app (issue 5): USERS users in group rooms of 10, each with
# one open stream, and RATE messages/s sent with POST /messages/{room_id} for SECONDS_OF_LOAD s. Each
# message goes send function -> outbox -> message.events -> notify function -> notification.events ->
# edge -> a frame on each member's stream (the sender's own included): 10 frames per message. Prints
# send -> frame received p50/p99/max as the SSE client measures it, and how many frames were lost.
#
#   MYSQL_URL=mysql://root@127.0.0.1:13306/ REDIS_URL=redis://127.0.0.1:16379 \
#     bash tests/bench/sse_fanout_bench.sh [build-dir] [users]
#
# Runs `kfn run --manifests manifests` (every chat function and the edge in one runner process,
# embedded mock Kafka, the given MariaDB and Redis), sse_fanout_setup.py (register, befriend, group
# rooms), sse_fanout_streams and sse_fanout_send (the streams and the sender, C++, in BUILD/bin), and prints
# where the time went by stage (stage_metrics.py). PERF=1 records (PERF_OPTIONS, default -g)
# the runner with perf during the load (perf.data in the current directory).
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
USERS=${2:-1000}
RATE=${RATE:-1000}
SECONDS_OF_LOAD=${SECONDS_OF_LOAD:-10}
MYSQL_URL=${MYSQL_URL:-${KFN_TEST_MYSQL_URL:-}}
REDIS_URL=${REDIS_URL:-${KFN_TEST_REDIS_URL:-}}
[ -n "$MYSQL_URL" ] && [ -n "$REDIS_URL" ] || { echo "set MYSQL_URL and REDIS_URL (see dev.sh)" >&2; exit 1; }
source tests/bench/bench_db.sh
bench_db_parse "$MYSQL_URL"
ulimit -n "$(ulimit -Hn)"
PREFIX="fanout$$_"
STATE=$(mktemp -d)
KFN_PID= LAT_PID=
cleanup() {
  kill $KFN_PID $LAT_PID 2>/dev/null || true
  wait 2>/dev/null || true
  bench_db_drop_prefixed "$PREFIX"
  rm -rf "$STATE"
}
trap cleanup EXIT

env MYSQL_URL="$MYSQL_URL" REDIS_URL="$REDIS_URL" KFN_JWT_SECRET="sse-fanout-bench-secret-0123456789abcdef" \
  KFN_ARGON2_MEMORY_KIB=1024 "$BUILD/bin/kfn" run --manifests manifests --lib-dir "$BUILD/lib/functions" \
  --port 0 --state-dir "$STATE/kfn" --schema-prefix "$PREFIX" >"$STATE/kfn.out" 2>"$STATE/kfn.err" &
KFN_PID=$!
for _ in $(seq 1 600); do
  grep -q "listening on" "$STATE/kfn.out" 2>/dev/null && break
  kill -0 $KFN_PID 2>/dev/null || { echo "kfn did not start:" >&2; tail -20 "$STATE/kfn.err" >&2; exit 1; }
  sleep 0.1  # waiting for a server to come up, not synchronising a test
done
PORT=$(grep -o 'listening on http://[0-9.]*:[0-9]*' "$STATE/kfn.out" | sed 's/.*://')

echo "setting up $USERS users in rooms of 10..."
/usr/bin/python3 tests/bench/sse_fanout_setup.py "http://127.0.0.1:$PORT" "$USERS" >"$STATE/users.txt"
# The client measures until its stdin closes; its answers go to a file, so none is lost when it exits.
mkfifo "$STATE/lat.in"
"$BUILD/bin/sse_fanout_streams" "$PORT" "$STATE/users.txt" <"$STATE/lat.in" >"$STATE/lat.out" &
LAT_PID=$!
exec 7>"$STATE/lat.in"
for _ in $(seq 1 1200); do grep -q "^open" "$STATE/lat.out" && break; sleep 0.1; done
echo "streams $(head -1 "$STATE/lat.out")"
# A few messages first, so every path (connections, statements, consumers' fetches) is warm.
"$BUILD/bin/sse_fanout_send" "$PORT" "$STATE/users.txt" 100 2 warmup >/dev/null
metric() { curl -s "http://127.0.0.1:$PORT/metrics" | awk -v m="$1" '$1 == m {printf "%d", $2}'; }
# The warm-up's frames must be counted before the run starts: wait until the edge's count holds still.
deliveries_before=$(metric kfn_sse_deliveries_total)
for _ in $(seq 1 30); do
  sleep 1  # polling a counter nothing announces
  now=$(metric kfn_sse_deliveries_total)
  [ "$now" = "$deliveries_before" ] && break
  deliveries_before=$now
done

echo "== $RATE messages/s for $SECONDS_OF_LOAD s"
if [ "${PERF:-0}" = 1 ]; then
  perf record ${PERF_OPTIONS:--g} -p "$KFN_PID" -o perf.data -- sleep $((SECONDS_OF_LOAD + 2)) 2>/dev/null &
fi
ticks() { [ -n "$1" ] && [ -r "/proc/$1/stat" ] && awk '{print $14 + $15}' "/proc/$1/stat" || echo 0; }
# What the database does for the load, server-wide (the server should be this benchmark's alone):
# statements and commits, and mysqld's CPU when it runs on this machine.
MYSQLD_PID=$(ss -Hltnp "( sport = :$DB_PORT )" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)
db_counters() {
  mysql -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" -N -e \
    "SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Com_commit')" | awk '{printf "%s ", $2}'
}
t0=$(ticks $KFN_PID) w0=$(date +%s.%N) m0=$(ticks "$MYSQLD_PID") db0=$(db_counters)
# Metrics around the load and once a second during it: how long each stage took, how far each fell behind.
curl -s "http://127.0.0.1:$PORT/metrics" >"$STATE/metrics-before.txt"
( for i in $(seq 1 "$SECONDS_OF_LOAD"); do
    sleep 1  # a snapshot a second while the load runs
    curl -s "http://127.0.0.1:$PORT/metrics" >"$STATE/metrics-mid-$i.txt"
  done ) &
( sleep $(( SECONDS_OF_LOAD / 2 )); top -H -b -n 2 -d 1 -p "$KFN_PID" | awk '/^top -/{n++} n==2' >"$STATE/top.txt" ) &
# The whole machine too: the client, the database and Redis share these cores with the runner.
( sleep $(( SECONDS_OF_LOAD / 2 )); top -b -n 2 -d 1 | awk '/^top -/{n++} n==2' >"$STATE/top-all.txt" ) &
"$BUILD/bin/sse_fanout_send" "$PORT" "$STATE/users.txt" "$RATE" "$SECONDS_OF_LOAD" | tee "$STATE/sent"
t1=$(ticks $KFN_PID) w1=$(date +%s.%N)
# Past saturation the pipeline drains for seconds after the last send: wait until the edge has queued
# every frame the accepted sends owe (10 each) or its count stops moving for 5 s, then a moment for
# the last writes to reach the client.
owed=$(( $(awk '{print $2}' "$STATE/sent") * 10 ))
last= still=0
for _ in $(seq 1 120); do
  done_now=$(awk -v a="$deliveries_before" -v b="$(metric kfn_sse_deliveries_total)" 'BEGIN {printf "%d", b - a}')
  [ "$done_now" -ge "$owed" ] && break
  if [ "$done_now" = "$last" ]; then still=$((still + 1)); [ $still -ge 5 ] && break; else still=0; fi
  last=$done_now
  sleep 1  # polling a counter nothing announces
done
sleep 1
m1=$(ticks "$MYSQLD_PID") db1=$(db_counters)
curl -s "http://127.0.0.1:$PORT/metrics" >"$STATE/metrics-after.txt"
exec 7>&-
wait "$LAT_PID" || true
result=$(sed -n 2p "$STATE/lat.out")
sent=$(awk '{print $2}' "$STATE/sent")
echo "client: $result"
awk -v r="$result" -v sent="$sent" 'BEGIN {
  split(r, f, " "); for (i = 1; i < length(f); i += 2) v[f[i]] = f[i + 1]
  expected = sent * 10
  printf "frames expected %d, distinct received %d, lost %d\n", expected, v["distinct"], expected - v["distinct"] }'
echo "edge deliveries in the run: $(awk -v a="$deliveries_before" -v b="$(metric kfn_sse_deliveries_total)" 'BEGIN {print b - a}')"
echo "runner cpu while sending: $(awk -v t=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" -v w0="$w0" -v w1="$w1" 'BEGIN {printf "%.0f%% of one core", 100 * t / hz / (w1 - w0)}')"
awk -v a="$db0" -v b="$db1" -v sent="$sent" -v m=$((m1 - m0)) -v hz="$(getconf CLK_TCK)" -v pid="$MYSQLD_PID" 'BEGIN {
  split(a, x, " "); split(b, y, " ")  # Com_commit, Questions (SHOW GLOBAL STATUS sorts by name)
  printf "database per accepted message, load and drain: %.1f statements, %.2f commits", (y[2] - x[2]) / sent, (y[1] - x[1]) / sent
  if (pid != "") printf "; mysqld cpu %.1f s", m / hz
  print "" }'
curl -s "http://127.0.0.1:$PORT/metrics" | grep -E '^kfn_sse_delivery_latency_seconds_bucket' | tr '\n' ' '; echo
/usr/bin/python3 tests/bench/stage_metrics.py "$STATE/metrics-before.txt" "$STATE/metrics-after.txt" "$STATE"/metrics-mid-*.txt
echo "runner's busiest threads mid-load (top -H):"
# The row whose id is the process's own shows the whole process here, not its main thread: skip it.
awk -v pid="$KFN_PID" 'NR > 7 && $1 != pid && ++shown <= 10 {printf "  %-20s %5s%%\n", $12, $9}' "$STATE/top.txt"
echo "busiest processes mid-load (top):"
awk 'NR > 7 && ++shown <= 6 {printf "  %-20s %5s%%\n", $12, $9}' "$STATE/top-all.txt"
echo "send -> frame by second of sending (the client's view):"
grep '^second ' "$STATE/lat.out" | sed 's/^/  /'

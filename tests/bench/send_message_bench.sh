#!/usr/bin/env bash
# Send-message benchmark: POST /messages/{room_id} end to end (HTTP -> JWT -> MySQL transaction with
# seq, message and outbox row -> Kafka) under wrk, beside the runtime's no-op HTTP function as the
# ceiling, both keep-alive at the same connection count, and MariaDB alone doing single-row durable
# INSERTs (mysqlslap) as the database's own bound. Prints req/s, p50/p99, the ratios (to the seeds'
# stack, ~2.8k req/s) and where the CPU went (kfn, mysqld, wrk; kfn's busiest threads).
#   MYSQL_URL=mysql://root@127.0.0.1:13306/ REDIS_URL=redis://127.0.0.1:16379 \
#     bash tests/bench/send_message_bench.sh [build-dir] [seconds] [connections]
# PAIRS (default 32) direct rooms get two senders each; ROUNDS (default 3) alternating runs, medians.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
SECONDS_PER_RUN=${2:-10}
CONNECTIONS=${3:-32}
ROUNDS=${ROUNDS:-3}
PAIRS=${PAIRS:-32}
MYSQL_URL=${MYSQL_URL:-${KFN_TEST_MYSQL_URL:-}}
REDIS_URL=${REDIS_URL:-${KFN_TEST_REDIS_URL:-}}
[ -n "$MYSQL_URL" ] && [ -n "$REDIS_URL" ] || { echo "set MYSQL_URL and REDIS_URL (see dev.sh)" >&2; exit 1; }
for tool in wrk python3 mysql mysqlslap ss; do
  command -v $tool >/dev/null || { echo "$tool is missing" >&2; exit 1; }
done
cmake --build "$BUILD" --target kfn bench_noop >/dev/null

source tests/bench/bench_db.sh
bench_db_parse "$MYSQL_URL"
PREFIX="bench$$_"
STATE=$(mktemp -d)
KFN_PID= NOOP_PID=
cleanup() {
  kill $KFN_PID $NOOP_PID 2>/dev/null || true
  wait 2>/dev/null || true
  bench_db_drop_prefixed "$PREFIX"
  rm -rf "$STATE"
}
trap cleanup EXIT

# start NAME MANIFESTS LIBDIR [kfn run options] -> sets START_PID, START_PORT
start() {
  local name=$1 manifests=$2 libdir=$3; shift 3
  env MYSQL_URL="$MYSQL_URL" REDIS_URL="$REDIS_URL" KFN_JWT_SECRET="send-message-bench-secret-0123456789abcdef" \
    KFN_ARGON2_MEMORY_KIB=1024 "$BUILD/bin/kfn" run --manifests "$manifests" --lib-dir "$libdir" --port 0 \
    --state-dir "$STATE/$name" --schema-prefix "$PREFIX" "$@" >"$STATE/$name.out" 2>"$STATE/$name.err" &
  START_PID=$!
  for _ in $(seq 1 600); do
    grep -q "listening on" "$STATE/$name.out" 2>/dev/null && break
    kill -0 $START_PID 2>/dev/null || { echo "$name did not start:" >&2; tail -20 "$STATE/$name.err" >&2; exit 1; }
    sleep 0.1  # waiting for a server to come up, not synchronising a test
  done
  START_PORT=$(grep -o 'listening on http://[0-9.]*:[0-9]*' "$STATE/$name.out" | sed 's/.*://')
}
# Setup needs the whole app (register, log in, befriend, the projection that makes direct rooms).
start app manifests "$BUILD/lib/functions"
KFN_PID=$START_PID
echo "setting up $PAIRS direct rooms..."
tests/bench/send_message_setup.py "http://127.0.0.1:$START_PORT" "$PAIRS" >"$STATE/senders.txt"
kill $KFN_PID; wait $KFN_PID 2>/dev/null || true
# The measured process serves only the send function (same schemas, same signing key), so consumers
# of message.events (notifications, SSE fan-out) do not share its two cores.
start send manifests "$BUILD/lib/functions" --function chat-message-send
KFN_PID=$START_PID KFN_PORT=$START_PORT
start noop tests/bench/manifests "$BUILD/lib/bench"
NOOP_PID=$START_PID NOOP_PORT=$START_PORT
MYSQLD_PID=$(ss -Hltnp "( sport = :$DB_PORT )" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)

to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us/,"",v); print v/1000 } else if (v ~ /ms$/) { sub(/ms/,"",v); print v } else { sub(/s/,"",v); print v*1000 } }'; }
ticks() { [ -n "$1" ] && [ -r "/proc/$1/stat" ] && awk '{print $14 + $15}' "/proc/$1/stat" || echo 0; }

# wrk_run SECONDS [wrk options] URL [script args] -> "rps p50_ms p99_ms non2xx"; the requests done
# go to $STATE/requests
wrk_run() {
  local seconds=$1; shift
  wrk -t2 -c"$CONNECTIONS" -d"${seconds}s" --latency "$@" >"$STATE/wrk.txt"
  local rps p50 p99 bad
  rps=$(awk '/Requests\/sec/ {print $2}' "$STATE/wrk.txt")
  p50=$(awk '$1=="50%" {print $2}' "$STATE/wrk.txt")
  p99=$(awk '$1=="99%" {print $2}' "$STATE/wrk.txt")
  bad=$(awk '/Non-2xx/ {print $NF}' "$STATE/wrk.txt")
  awk '/requests in/ {print $1}' "$STATE/wrk.txt" >"$STATE/requests"
  echo "$rps $(to_ms "$p50") $(to_ms "$p99") ${bad:-0}"
}
send_run() {
  wrk_run "$1" -s tests/bench/send_message.lua "http://127.0.0.1:$KFN_PORT/" "$STATE/senders.txt"
}

# The database's own bound, side by side: single-row durable INSERTs from as many clients as wrk has
# connections, no kfn involved (each commit waits for its redo-log flush, as every send does).
slap_run() {
  local schema="${PREFIX}slap" queries=20000 secs
  mysql -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" -e "CREATE DATABASE \`$schema\`;
    CREATE TABLE \`$schema\`.t (id BIGINT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(64)) ENGINE=InnoDB"
  secs=$(mysqlslap -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" --concurrency="$CONNECTIONS" --iterations=1 \
    --number-of-queries=$queries --create-schema="$schema" --no-drop \
    --query="INSERT INTO t (v) VALUES ('benchmark message')" | awk '/Average number of seconds/ {print $(NF - 1)}')
  mysql -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" -e "DROP DATABASE \`$schema\`"
  awk -v q=$queries -v s="$secs" 'BEGIN { printf "%.0f", q / s }'
}

send_run 3 >/dev/null  # warm-up: connections, prepared statements, buffer pool
echo "send-message benchmark: $CONNECTIONS connections, $PAIRS rooms, ${SECONDS_PER_RUN}s per run, $ROUNDS rounds, $(nproc) cores"
printf "%-32s %10s %9s %9s %8s\n" "route" "req/s" "p50 ms" "p99 ms" "non-2xx"
declare -a NOOP SENDS P99S SLAPS
HZ=$(getconf CLK_TCK)
for round in $(seq 1 "$ROUNDS"); do
  read -r n a b bad < <(wrk_run "$SECONDS_PER_RUN" -H "Connection: keep-alive" "http://127.0.0.1:$NOOP_PORT/noop")
  printf "%-32s %10s %9s %9s %8s\n" "kfn no-op GET (ceiling)" "$n" "$a" "$b" "$bad"; NOOP+=("$n")
  k0=$(ticks $KFN_PID); m0=$(ticks "$MYSQLD_PID"); t0=$(date +%s.%N)
  ( sleep $(( SECONDS_PER_RUN / 2 )); top -H -b -n 2 -d 1 -p "$KFN_PID" | awk '/^top -/{n++} n==2' >"$STATE/top.txt" ) &
  TOP_PID=$!
  read -r s a b bad < <(send_run "$SECONDS_PER_RUN")
  t1=$(date +%s.%N); k1=$(ticks $KFN_PID); m1=$(ticks "$MYSQLD_PID")
  wait $TOP_PID 2>/dev/null || true
  printf "%-32s %10s %9s %9s %8s\n" "POST /messages/{room_id}" "$s" "$a" "$b" "$bad"; SENDS+=("$s"); P99S+=("$b")
  slap=$(slap_run)
  printf "%-32s %10s\n" "MariaDB alone: 1-row INSERT" "$slap"; SLAPS+=("$slap")
  awk -v k=$((k1 - k0)) -v m=$((m1 - m0)) -v hz="$HZ" -v t0="$t0" -v t1="$t1" -v cores="$(nproc)" \
      -v n="$(cat "$STATE/requests")" 'BEGIN {
    wall = t1 - t0; printf "  cpu during the run (%% of %d cores): kfn %.0f%%, mysqld %.0f%%, rest (wrk, others) %.0f%%\n",
      cores, 100 * k / hz / wall / cores, 100 * m / hz / wall / cores, 100 - 100 * (k + m) / hz / wall / cores
    printf "  cpu per message: kfn %.0f us, mysqld %.0f us\n", 1e6 * k / hz / n, 1e6 * m / hz / n }'
done
median() { printf "%s\n" "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
NOOP_M=$(median "${NOOP[@]}"); SEND_M=$(median "${SENDS[@]}"); P99_M=$(median "${P99S[@]}")
SLAP_M=$(median "${SLAPS[@]}")
echo "median kfn no-op: $NOOP_M req/s; send message: $SEND_M msg/s, p99 $P99_M ms; MariaDB alone: $SLAP_M inserts/s"
awk -v s="$SEND_M" -v n="$NOOP_M" -v p="$P99_M" -v m="$SLAP_M" 'BEGIN {
  printf "send/no-op: %.2f; send vs MariaDB alone: %.2f; send vs the seeds (2.8k req/s): %.1fx (target >= 5x = 14,000 msg/s, p99 <= 10 ms: %s)\n",
    s / n, s / m, s / 2800, (s >= 14000 && p <= 10) ? "met" : "not met" }'
echo "kfn's busiest threads in the last run (top -H):"
# The row whose id is the process's own shows the whole process here, not its main thread: skip it.
awk -v pid="$KFN_PID" 'NR > 7 && $1 != pid && ++shown <= 8 {printf "  %-20s %5s%%\n", $12, $9}' "$STATE/top.txt"

#!/usr/bin/env bash
# HTTP benchmark: a no-op function through the kfn runtime vs a raw Pistache hello route, side by side
# under wrk on this machine, both with keep-alive. Prints requests/s, p50/p99 and the ratio.
#   bash tests/bench/http_bench.sh [build-dir] [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
SECONDS_PER_RUN=${2:-10}
CONNECTIONS=${3:-32}
ROUNDS=${ROUNDS:-3}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
cmake --build "$BUILD" --target kfn raw_pistache_hello bench_noop >/dev/null

STATE=$(mktemp -d)
cleanup() { kill $RAW_PID $KFN_PID 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$STATE"; }
trap cleanup EXIT

RAW_PORT=$(( 20000 + RANDOM % 10000 ))
"$BUILD/bin/raw_pistache_hello" "$RAW_PORT" 2 >"$STATE/raw.out" 2>&1 &
RAW_PID=$!
"$BUILD/bin/kfn" run --manifests tests/bench/manifests --lib-dir "$BUILD/lib/bench" --port 0 \
  --state-dir "$STATE/kfn" >"$STATE/kfn.out" 2>"$STATE/kfn.err" &
KFN_PID=$!
for _ in $(seq 1 300); do
  grep -q "listening on" "$STATE/kfn.out" 2>/dev/null && grep -q "listening on" "$STATE/raw.out" 2>/dev/null && break
  sleep 0.1  # waiting for two servers to come up, not synchronising a test
done
KFN_PORT=$(grep -o 'listening on http://[0-9.]*:[0-9]*' "$STATE/kfn.out" | sed 's/.*://')

# wrk_run URL [extra wrk args] -> "rps p50_ms p99_ms"
wrk_run() {
  local url=$1; shift
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "$@" "$url" >"$STATE/wrk.txt"
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$STATE/wrk.txt")
  p50=$(awk '$1=="50%" {print $2}' "$STATE/wrk.txt")
  p99=$(awk '$1=="99%" {print $2}' "$STATE/wrk.txt")
  echo "$rps $(to_ms "$p50") $(to_ms "$p99")"
}
to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us/,"",v); print v/1000 } else if (v ~ /ms$/) { sub(/ms/,"",v); print v } else { sub(/s/,"",v); print v*1000 } }'; }

echo "HTTP benchmark: $CONNECTIONS connections, ${SECONDS_PER_RUN}s per run, $ROUNDS rounds, $(nproc) cores"
printf "%-34s %12s %9s %9s\n" "server" "req/s" "p50 ms" "p99 ms"
declare -a RAW KFN PLAIN
for round in $(seq 1 "$ROUNDS"); do
  read -r r50 a b < <(wrk_run "http://127.0.0.1:$RAW_PORT/noop" -H "Connection: keep-alive")
  printf "%-34s %12s %9s %9s\n" "raw pistache (keep-alive asked)" "$r50" "$a" "$b"; RAW+=("$r50")
  read -r k50 a b < <(wrk_run "http://127.0.0.1:$KFN_PORT/noop" -H "Connection: keep-alive")
  printf "%-34s %12s %9s %9s\n" "kfn no-op (keep-alive asked)" "$k50" "$a" "$b"; KFN+=("$k50")
  read -r p50r a b < <(wrk_run "http://127.0.0.1:$KFN_PORT/noop")
  printf "%-34s %12s %9s %9s\n" "kfn no-op (plain HTTP/1.1)" "$p50r" "$a" "$b"; PLAIN+=("$p50r")
done
median() { printf "%s\n" "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
RAW_M=$(median "${RAW[@]}"); KFN_M=$(median "${KFN[@]}"); PLAIN_M=$(median "${PLAIN[@]}")
echo "median raw pistache: $RAW_M req/s; kfn no-op: $KFN_M req/s; kfn plain HTTP/1.1: $PLAIN_M req/s"
awk -v k="$KFN_M" -v r="$RAW_M" 'BEGIN { printf "ratio kfn/raw: %.2f (target >= 0.90)\n", k/r }'

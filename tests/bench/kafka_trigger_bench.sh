#!/usr/bin/env bash
# Kafka trigger benchmark: a no-op Kafka-triggered function (the whole trigger) vs a raw librdkafka
# consumer loop on the same topic of the same mock cluster, side by side, then publish -> handler
# latency at a steady rate. Prints records/s, CPU per record, the ratio and p50/p99 latency.
#   bash tests/bench/kafka_trigger_bench.sh [build-dir] [extra options: --records N --rounds N
#                                            --partitions N --rate N --seconds N --concurrency N
#                                            --consume-only: the trigger consumes and commits, runs nothing]
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
shift || true
cmake --build "$BUILD" --target kafka_trigger_bench >/dev/null
echo "$(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# librdkafka's own log lines (mock cluster notices) go to stderr; results to stdout.
"$BUILD/bin/kafka_trigger_bench" --rounds 5 "$@" 2> >(grep -v '^%' >&2)

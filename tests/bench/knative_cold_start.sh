#!/usr/bin/env bash
# Knative cold start benchmark: exec of `kfn serve` -> first 200, many runs (see docs/benchmarks.md).
#   bash tests/bench/knative_cold_start.sh [build-dir] [runs]     (needs REDIS_URL or KFN_TEST_REDIS_URL)
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
RUNS=${2:-100}
cmake --build "$BUILD" --target kfn bench_noop knative_cold_start >/dev/null
exec "$BUILD/bin/knative_cold_start" "$BUILD/bin/kfn" tests/bench/manifests "$BUILD/lib/bench" "$RUNS"

#!/usr/bin/env bash
# The floor under every latency target with a durable commit in its path: how long this machine's
# disk takes to make a small write durable (fdatasync), and how long the given MariaDB takes for a
# single-row autocommit INSERT (innodb_flush_log_at_trx_commit=1), measured inside the server so the
# client's own scheduling is left out. One of each every 10 ms, COUNT times, with nothing else running.
#
#   MYSQL_URL=mysql://root@127.0.0.1:13306/ bash tests/bench/commit_tail.sh [count] [dir for the disk test]
set -euo pipefail
cd "$(dirname "$0")/../.."
COUNT=${1:-1000}
DIR=${2:-${TMPDIR:-/tmp}}
MYSQL_URL=${MYSQL_URL:-${KFN_TEST_MYSQL_URL:-}}
[ -n "$MYSQL_URL" ] || { echo "set MYSQL_URL (see dev.sh)" >&2; exit 1; }
source tests/bench/bench_db.sh
bench_db_parse "$MYSQL_URL"
SCHEMA="commit_tail$$"
trap 'bench_db_drop_prefixed "$SCHEMA"' EXIT

# Prints "label p50 p99 p99.9 max >10ms >20ms" from one latency in microseconds per line on stdin.
summarise() {
  sort -n | awk -v label="$1" '{v[NR] = $1} END {
    n = NR; over10 = 0; over20 = 0
    for (i = 1; i <= n; i++) { if (v[i] > 10000) over10++; if (v[i] > 20000) over20++ }
    printf "%-34s n %d  p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  max %.2f ms  >10 ms: %d  >20 ms: %d\n",
      label, n, v[int(n * 0.5)] / 1000, v[int(n * 0.99)] / 1000, v[int(n * 0.999)] / 1000, v[n] / 1000,
      over10, over20 }'
}

echo "$(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg); disk test in $DIR"
/usr/bin/python3 - "$COUNT" "$DIR" <<'PY' | summarise "disk: 512-byte write + fdatasync"
import os, sys, tempfile, time
count, directory = int(sys.argv[1]), sys.argv[2]
fd, path = tempfile.mkstemp(dir=directory)
try:
    for _ in range(count):
        os.write(fd, b"x" * 512)
        start = time.perf_counter()
        os.fdatasync(fd)
        print(int((time.perf_counter() - start) * 1e6))
        time.sleep(0.01)
finally:
    os.close(fd)
    os.unlink(path)
PY

mysql -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" -e \
  "CREATE DATABASE $SCHEMA; CREATE TABLE $SCHEMA.t (id BIGINT AUTO_INCREMENT PRIMARY KEY, v INT) ENGINE=InnoDB"
for i in $(seq 1 "$COUNT"); do
  echo "SET @t = SYSDATE(6); INSERT INTO $SCHEMA.t (v) VALUES ($i); SELECT TIMESTAMPDIFF(MICROSECOND, @t, SYSDATE(6));"
  sleep 0.01  # the cadence of the probe, not synchronisation
done | mysql -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" -N | summarise "MariaDB: autocommit 1-row INSERT"

#!/usr/bin/env bash
# Fixture for tests that need MariaDB and Redis: `bash dev.sh test` starts them and exports these.
if [ -z "${KFN_TEST_MYSQL_URL:-}" ] || [ -z "${KFN_TEST_REDIS_URL:-}" ]; then
  echo "KFN_TEST_MYSQL_URL and KFN_TEST_REDIS_URL must point at running servers: run 'bash dev.sh test'," >&2
  echo "or start them with 'build/bin/kfn services' and export the URLs it prints." >&2
  exit 1
fi
echo "MySQL at ${KFN_TEST_MYSQL_URL}, Redis at ${KFN_TEST_REDIS_URL}"

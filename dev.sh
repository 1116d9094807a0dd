#!/usr/bin/env bash
# The two commands a newcomer needs, on a bare Debian 12 machine:
#   bash dev.sh run    install packages, build, serve every chat function on :8080
#   bash dev.sh test   install packages, build, start MariaDB and Redis, run every test (and the
#                      ASan/UBSan build's tests)
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(build-essential cmake ninja-build pkg-config git
  librdkafka-dev libpistache-dev catch2 libhiredis-dev default-libmysqlclient-dev
  nlohmann-json3-dev libyaml-cpp-dev libargon2-dev libssl-dev libspdlog-dev
  mariadb-server redis-server kcat wrk curl python3 python3-jsonschema python3-yaml)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

install_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# build DIR [cmake options...]
build() {
  local dir=$1; shift
  cmake -S . -B "$dir" -G Ninja -DKFN_WERROR=ON "$@" >/dev/null
  cmake --build "$dir" -j "$(nproc)"
}

SERVICES_PID=
stop_services() { [ -n "$SERVICES_PID" ] && kill "$SERVICES_PID" 2>/dev/null && wait "$SERVICES_PID" 2>/dev/null; true; }

# Starts the test MariaDB and Redis through the runner itself and exports their URLs for the tests.
start_test_services() {
  local state=build/test-state
  rm -rf "$state"; mkdir -p "$state"
  coproc SERVICES { exec build/bin/kfn services --state-dir "$state"; }
  SERVICES_PID=$SERVICES_PID
  trap stop_services EXIT
  local line
  while read -r line <&"${SERVICES[0]}"; do
    case "$line" in
      MYSQL_URL=*) export KFN_TEST_MYSQL_URL=${line#MYSQL_URL=} ;;
      REDIS_URL=*) export KFN_TEST_REDIS_URL=${line#REDIS_URL=} ;;
      ready) break ;;
    esac
  done
  [ -n "${KFN_TEST_MYSQL_URL:-}" ] && [ -n "${KFN_TEST_REDIS_URL:-}" ] || {
    echo "could not start MariaDB and Redis; see $state/*.log" >&2; exit 1; }
  echo "test services: MySQL ${KFN_TEST_MYSQL_URL}, Redis ${KFN_TEST_REDIS_URL}"
}

run_tests() {
  local dir=$1
  ctest --test-dir "$dir" --output-on-failure -j 2 --timeout 600
}

case "${1:-}" in
  run)
    shift
    install_packages
    build build
    exec build/bin/kfn run --manifests manifests "$@"
    ;;
  test)
    install_packages
    # Release (no debug info) compiles and links markedly faster on two cores; the sanitizer build
    # below is the one to debug with.
    build build -DCMAKE_BUILD_TYPE=Release
    start_test_services
    run_tests build
    if [ "${KFN_SKIP_SANITIZERS:-0}" != 1 ]; then
      echo "== ASan/UBSan build"
      build build-asan -DKFN_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
      ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 run_tests build-asan
    fi
    ;;
  *)
    echo "usage: bash dev.sh run [kfn run options] | bash dev.sh test" >&2
    exit 2
    ;;
esac

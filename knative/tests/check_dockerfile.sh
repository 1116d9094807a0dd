#!/usr/bin/env bash
# The image cannot be built here (no Docker), so this checks what can be: every COPY source of
# knative/Dockerfile exists in the build context or in the layout its build stage produces, and that
# layout, built by the same script from this build, serves a function in Knative mode from its own
# directory: probes answer, a route answers, SIGTERM exits 0.
# usage: check_dockerfile.sh SOURCE_DIR BUILD_DIR   (needs KFN_TEST_MYSQL_URL and KFN_TEST_REDIS_URL)
set -euo pipefail
src=$1
build=$2
work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

layout=$work/layout
"$src/knative/build-image-layout.sh" "$build" "$layout" >/dev/null

# COPY [--from=build] SRC... DEST
copies=0
while read -r -a words; do
  words=("${words[@]:1}")  # drop COPY
  from=
  if [[ ${words[0]} == --from=* ]]; then from=${words[0]#--from=}; words=("${words[@]:1}"); fi
  for source in "${words[@]:0:${#words[@]}-1}"; do
    if [ "$from" = build ]; then
      [[ $source == /layout/* ]] || fail "COPY --from=build $source is not from /layout"
      [ -e "$layout/${source#/layout/}" ] || fail "COPY --from=build $source: the layout has no ${source#/layout/}"
    elif [ -n "$from" ]; then
      fail "COPY --from=$from: unknown stage"
    else
      [ -e "$src/$source" ] || fail "COPY $source: no such file in the build context"
    fi
    copies=$((copies + 1))
  done
done < <(grep -E '^COPY ' "$src/knative/Dockerfile")
[ "$copies" -ge 10 ] || fail "expected the Dockerfile's COPY lines, found $copies sources"
grep -q '^USER 10001' "$src/knative/Dockerfile" || fail "the final stage must run as a non-root user"
[ "$(grep -c '^FROM debian:12' "$src/knative/Dockerfile")" -eq 2 ] || fail "expected two debian:12 stages"
grep -q -- "-dev" <(sed -n '/^FROM debian:12-slim/,$p' "$src/knative/Dockerfile") && fail "the final stage installs -dev packages"
# Edges (trigger `sse`) are served by the runtime itself and have no library of their own.
[ "$(ls "$layout/lib/functions" | wc -l)" -eq "$(grep -l '^library:' "$src/manifests/functions/"*.yaml | wc -l)" ] ||
  fail "the layout must hold one function library per manifest that names one"

# Run it from the layout, as the image's ENTRYPOINT/CMD and env would (the build dir is moved aside
# from the library path: only the layout's libraries may be used).
: "${KFN_TEST_MYSQL_URL:?needs the test MariaDB}" "${KFN_TEST_REDIS_URL:?needs the test Redis}"
mkfifo "$work/stdout"
(cd "$work" && exec env -i PATH=/usr/bin:/bin LD_LIBRARY_PATH="$layout/lib" \
  KFN_MANIFESTS="$layout/manifests" KFN_LIB_DIR="$layout/lib/functions" \
  KFN_FUNCTION=users-profile-get PORT=0 KFN_ADDRESS=127.0.0.1 KFN_SCHEMA_PREFIX="img$$_" \
  MYSQL_URL="$KFN_TEST_MYSQL_URL" REDIS_URL="$KFN_TEST_REDIS_URL" KAFKA_BROKERS=127.0.0.1:1 \
  KFN_JWT_SECRET=layout-test-secret-0123456789abcdef0123 \
  "$layout/bin/kfn" serve >"$work/stdout" 2>"$work/stderr.log") &
server_pid=$!
port=
exec 3<"$work/stdout"
while read -r line <&3; do
  case "$line" in "listening on http://"*) port=${line##*:}; break ;; esac
done
[ -n "$port" ] || fail "kfn serve from the layout did not start: $(cat "$work/stderr.log")"
# The runtime and the function library in use must be the layout's, not the build dir's.
maps=$(grep -o '/[^ ]*\.so[^ ]*' "/proc/$server_pid/maps" | sort -u)
grep -q "^$layout/lib/libkfn_runtime.so" <<<"$maps" || fail "libkfn_runtime.so not loaded from the layout: $maps"
grep -q "^$layout/lib/functions/libusers_profile_get.so" <<<"$maps" || fail "the function not loaded from the layout"

[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/liveness")" = 200 ] || fail "liveness"
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/profile/me")" = 401 ] ||
  fail "the function's route did not answer 401 without a token"
kill -TERM "$server_pid"
status=0
wait "$server_pid" || status=$?
server_pid=
[ "$status" -eq 0 ] || fail "kfn serve exited $status on SIGTERM: $(cat "$work/stderr.log")"
echo "Dockerfile sources present; layout serves in Knative mode and exits 0 on SIGTERM"

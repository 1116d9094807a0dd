#!/usr/bin/env bash
# Lays out what the container image holds, from a build directory and the source tree:
#   DEST/bin/kfn                      the runtime (Knative mode: `kfn serve`)
#   DEST/lib/libkfn_runtime.so        the shared runtime the binary and every function link
#   DEST/lib/functions/lib*.so        every function library
#   DEST/manifests/                   app.yaml, topics.yaml, functions/*.yaml
#   DEST/functions/<context>/migrations/  where app.yaml's relative migration paths point
# knative/Dockerfile runs this same script in its build stage, so the image and this directory agree.
# usage: knative/build-image-layout.sh BUILD_DIR DEST
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 BUILD_DIR DEST" >&2; exit 2; }
src=$(cd "$(dirname "$0")/.." && pwd)
build=$1
dest=$2

for needed in "$build/bin/kfn" "$build/lib/libkfn_runtime.so" "$build/lib/functions"; do
  [ -e "$needed" ] || { echo "$needed is missing: build the kfn target first" >&2; exit 1; }
done

rm -rf "$dest"
mkdir -p "$dest/bin" "$dest/lib/functions" "$dest/functions"
cp "$build/bin/kfn" "$dest/bin/"
cp "$build/lib/libkfn_runtime.so" "$dest/lib/"
cp "$build/lib/functions/"lib*.so "$dest/lib/functions/"
cp -r "$src/manifests" "$dest/manifests"
for migrations in "$src"/functions/*/migrations; do
  context=$(basename "$(dirname "$migrations")")
  mkdir -p "$dest/functions/$context"
  cp -r "$migrations" "$dest/functions/$context/migrations"
done
echo "image layout in $dest"

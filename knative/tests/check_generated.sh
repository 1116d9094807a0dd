#!/usr/bin/env bash
# `kfn knative` on the repository's manifests, then every generated object through the validator
# (CRD schemas + kfn's own rules), then the validator's self-test (each rule catches a broken copy).
# usage: check_generated.sh KFN_BINARY SOURCE_DIR
set -euo pipefail
kfn=$1
src=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$kfn" knative --manifests "$src/manifests" --out "$out" --image registry.example/kfn:test --namespace kfn-test
validate=(/usr/bin/python3 "$src/knative/tests/validate_generated.py")
"${validate[@]}" "$out" "$src/manifests/topics.yaml" "$src/knative/schemas"
"${validate[@]}" --self-test "$out" "$src/manifests/topics.yaml" "$src/knative/schemas"
[ -f "$out/templates/secret.yaml" ] || { echo "FAIL: no Secret template" >&2; exit 1; }
echo "generated objects valid; validator self-test passed"

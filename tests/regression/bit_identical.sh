#!/usr/bin/env bash
# Checks that two builds of coachsim give bit-identical datasets on every shipped input that a
# refactoring must not change: the default scenario, the Thom 2013 check and every sweep in
# scenarios/sweeps/. Provenance (times, host, build) is left out of the comparison.
#   tests/regression/bit_identical.sh OLD_COACHSIM NEW_COACHSIM [WORKDIR]
# Exit 0 when every file matches; otherwise prints the differing digests and exits 1.
set -euo pipefail
old=$(realpath "$1"); new=$(realpath "$2")
work=${3:-$(mktemp -d)}
cd "$(dirname "$0")/../.."
python=/usr/bin/python3
digest() { "$python" tests/regression/dataset_digest.py "$1"; }
status=0
for build in old new; do
  bin=${!build}
  mkdir -p "$work/$build"
  "$bin" run scenarios/default.toml -o "$work/$build/default.h5" --force --summary-json "$work/$build/default.json" > "$work/$build/default.txt"
  "$bin" check scenarios/validation/thom2013.toml scenarios/validation/thom2013.targets.toml > "$work/$build/thom2013_check.txt" || true
  for sweep in scenarios/sweeps/*.toml; do
    grep -q '^\[sweep\]' "$sweep" || continue
    name=$(basename "$sweep" .toml)
    "$bin" sweep "$sweep" -o "$work/$build/sweep_$name.h5" --force > /dev/null
  done
done
for file in "$work"/old/*.h5; do
  name=$(basename "$file")
  if diff <(digest "$file") <(digest "$work/new/$name") > "$work/$name.diff"; then
    echo "identical: $name"
  else
    echo "DIFFERENT: $name"; head -20 "$work/$name.diff"; status=1
  fi
done
# The check's table holds simulated values only (no times), so it is compared as text.
if diff -q "$work/old/thom2013_check.txt" "$work/new/thom2013_check.txt" > /dev/null; then
  echo "identical: thom2013 check output"
else
  echo "DIFFERENT: thom2013 check output"; diff "$work/old/thom2013_check.txt" "$work/new/thom2013_check.txt" | head -20; status=1
fi
exit $status
